using System.Diagnostics;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>`kill -9` in the middle of scoring, then the same command again: it resumes, and scores as if never stopped.</summary>
[Trait("Category", "Slow")]
public class InterruptedScoringTests
{
    [Theory]
    [InlineData("shared-prefix")]
    [InlineData("full")]
    public async Task A_rerun_after_kill_9_resumes_and_gives_the_uninterrupted_scores(string strategy)
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "blocks: 1")
            .Replace("recoverability: { iterations: 6,", $"recoverability: {{ strategy: {strategy}, iterations: 240,", StringComparison.Ordinal));
        var cache = fixture.File("cache");

        using (var process = CliProcess.Start("score", manifest, "--cache-dir", cache, "--json", "--quiet"))
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            // Progress on disk: the shared-prefix strategy's first checkpoint entry, or the full strategy's first stored block.
            var folder = strategy == "shared-prefix" ? "checkpoint" : "recoverability";
            await WaitFor(() => Directory.Exists(Path.Combine(cache, folder))
                && Directory.EnumerateFiles(Path.Combine(cache, folder), "*.json", SearchOption.AllDirectories).Any(), process);
            process.Kill(); // SIGKILL: no handler runs, nothing is flushed
            await process.WaitForExitAsync();
        }

        var resumed = await CliRun.Invoke("score", manifest, "--cache-dir", cache, "--json");
        Assert.True(resumed.Exit == ExitCodes.Ok, resumed.ToString());
        Assert.Matches(strategy == "shared-prefix"
            ? @"recoverability: resuming 6 blocks at iteration [1-9]\d* of 240 \(checkpoint\)"
            : @"recoverability: [1-5] of 6 blocks cached, training [1-5]", resumed.Error);

        var uninterrupted = await CliRun.Invoke("score", manifest, "--cache-dir", fixture.File("fresh-cache"), "--json", "--quiet");
        Assert.True(uninterrupted.Exit == ExitCodes.Ok, uninterrupted.ToString());
        Assert.Equal(Criteria(uninterrupted), Criteria(resumed));
    }

    private static List<(string? Block, double Criterion)> Criteria(CliRun run) => run.Json.EnumerateArray()
        .Select(row => (row.GetProperty("block").GetString(), row.GetProperty("criterion").GetDouble()))
        .OrderBy(row => row.Item1, StringComparer.Ordinal).ToList();

    private static async Task WaitFor(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited, $"scoring ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be interrupted");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no scoring progress on disk within 2 minutes");
            await Task.Delay(20);
        }
    }
}
