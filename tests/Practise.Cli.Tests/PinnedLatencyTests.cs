using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>
/// Latency as a lock file (docs/latency.md): one profile, measured once and committed, pinned by two checkouts that
/// share nothing else. Each compresses with its own empty cache under a latency budget.
/// </summary>
public class PinnedLatencyTests
{
    [Fact]
    public async Task Two_checkouts_with_separate_caches_choose_the_same_blocks_and_write_identical_artifacts()
    {
        using var fixture = new EvalFixture();
        var profile = fixture.File("ci/latency-profile.json");
        Directory.CreateDirectory(Path.GetDirectoryName(profile)!);
        PinnedProfiles.EverySubset(fixture, profile).Save();

        var runs = new List<CliRun>();
        foreach (var checkout in new[] { "checkout-a", "checkout-b" })
        {
            var folder = fixture.File(checkout);
            Directory.CreateDirectory(folder);
            foreach (var file in new[] { "teacher.safetensors", "images.idx", "labels.idx" }) File.Copy(fixture.File(file), Path.Combine(folder, file));
            var manifest = Path.Combine(folder, "practise.yaml");
            File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "latency-reduction: 20%", withEval: true)
                .Replace("threads: 1 }", $"threads: 1, profile: {profile} }}", StringComparison.Ordinal));
            var run = await CliRun.Invoke("compress", manifest, "--cache-dir", Path.Combine(folder, "cache"), "--output", Path.Combine(folder, "out"), "--json");
            Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
            runs.Add(run);
        }

        var latency = runs[0].Json.GetProperty("latency");
        Assert.True(latency.GetProperty("from_profile").GetBoolean());
        Assert.True(latency.GetProperty("budget_met").GetBoolean());
        Assert.True(latency.GetProperty("reduction_low").GetDouble() >= 0.2);
        Assert.Equal(runs[0].DroppedBlocks, runs[1].DroppedBlocks);
        Assert.NotEmpty(runs[0].DroppedBlocks);
        foreach (var artifact in new[] { "model.safetensors", "model.json", "model.onnx", "scores.svg", "latency.svg" })
            Assert.Equal(File.ReadAllBytes(fixture.File($"checkout-a/out/{artifact}")), File.ReadAllBytes(fixture.File($"checkout-b/out/{artifact}")));
    }
}
