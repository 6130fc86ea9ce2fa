using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>practise compress with the channel methods: practise.json's channel fields, a rebuild from the cache, and a budget that does not apply.</summary>
public class ChannelCompressTests
{
    [Fact]
    public async Task Method_channels_reports_the_channels_and_a_rebuild_reuses_the_statistics_latency_and_weights()
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        // A ratio the easy budget decides at once, so the rebuild reads the latency too (a close search may measure again):
        // half of every layer. Half of the channels globally may save about 1% on this untrained model, too close to call.
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "latency-reduction: 1%", withEval: true,
            cacheDir: "cache", extra: "method: channels\nchannels: { ratio: 0.5, ranking: per-layer }"));

        var first = await CliRun.Invoke("compress", manifest, "--output", fixture.File("out-a"), "--json");

        Assert.True(first.Exit == ExitCodes.Ok, first.ToString());
        Assert.Equal("channels", first.Json.GetProperty("method").GetString());
        var channels = first.Json.GetProperty("channels");
        Assert.Equal("channels.ratio", channels.GetProperty("ratio_source").GetString());
        Assert.Equal("per-layer", channels.GetProperty("ranking").GetString());
        var layers = channels.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(9, layers.Count);
        Assert.All(layers, layer => Assert.Equal(layer.GetProperty("width").GetInt64() - layer.GetProperty("kept").GetInt64(), layer.GetProperty("removed").GetArrayLength()));
        Assert.True(File.Exists(fixture.File("out-a/widths.svg")));

        var second = await CliRun.Invoke("compress", manifest, "--output", fixture.File("out-b"), "--json");

        Assert.True(second.Exit == ExitCodes.Ok, second.ToString());
        Assert.Contains("channel statistics found in the cache", second.Error, StringComparison.Ordinal);
        Assert.Contains("finetuned model found in the cache", second.Error, StringComparison.Ordinal);
        Assert.Contains("from the cache", second.Error, StringComparison.Ordinal);
        Assert.Equal(first.Json.GetProperty("model_sha256").GetString(), second.Json.GetProperty("model_sha256").GetString());
        Assert.Equal(File.ReadAllBytes(fixture.File("out-a/model.safetensors")), File.ReadAllBytes(fixture.File("out-b/model.safetensors")));
    }

    [Fact]
    public async Task Practise_latency_measures_the_channel_ratios_so_a_pinned_compress_times_nothing()
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "latency-reduction: 10%",
            cacheDir: "cache", extra: "method: channels"));
        var measured = await CliRun.Invoke("latency", manifest, "--output", fixture.File("pinned.json"));
        Assert.True(measured.Exit == ExitCodes.Ok, measured.ToString());
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("threads: 1 }", "threads: 1, profile: pinned.json }", StringComparison.Ordinal));

        var run = await CliRun.Invoke("compress", manifest, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        var latency = run.Json.GetProperty("latency");
        Assert.True(latency.GetProperty("from_profile").GetBoolean());
        Assert.True(latency.GetProperty("budget_met").GetBoolean());
        Assert.Equal("budget", run.Json.GetProperty("channels").GetProperty("ratio_source").GetString());
    }

    [Fact]
    public async Task A_block_count_with_method_channels_is_a_manifest_error_naming_the_key()
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "blocks: 1", extra: "method: channels"));

        var run = await CliRun.Invoke("compress", manifest);

        Assert.Equal(ExitCodes.InvalidManifest, run.Exit);
        Assert.Contains("PRAC1011", run.Error, StringComparison.Ordinal);
        Assert.Contains("budget.blocks", run.Error, StringComparison.Ordinal);
    }
}
