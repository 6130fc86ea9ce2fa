using System.Globalization;
using Practise.Contract;
using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Engine;

/// <summary>compress with method channels and blocks+channels on the tiny model: artifacts, the budget, the cache and bad inputs.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class ChannelCompressionTests
{
    [Fact]
    public void Method_channels_thins_to_the_smallest_ratio_meeting_the_budget()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "latency-reduction: 10%", "method: channels");
        var first = new Compressor(manifest, SilentProgress.Instance).Compress();
        var report = first.Report;

        Assert.Equal("channels", report.Method);
        Assert.Empty(report.DroppedBlocks);
        Assert.Empty(report.Blocks);
        var channels = Assert.IsType<ReportChannels>(report.Channels);
        Assert.Equal("budget", channels.RatioSource);
        Assert.Equal("teacher", channels.StatisticsFrom);
        Assert.Contains(channels.Ratio, SelectChannels.Grid);
        Assert.Equal(9, channels.Layers.Count);
        // The global ranking (the default): the ratio's share of all hidden channels goes, no layer emptied.
        Assert.Equal("global", channels.Ranking);
        var total = channels.Layers.Sum(layer => layer.Width);
        Assert.Equal((long)Math.Floor(channels.Ratio * total), total - channels.Layers.Sum(layer => layer.Kept));
        Assert.All(channels.Layers, layer => Assert.InRange(layer.Kept, 1, layer.Width));
        Assert.All(channels.Layers, layer => Assert.Equal(layer.Width - layer.Kept, layer.Removed.Count));
        // The budget was met with confidence, and no smaller ratio measured meets it.
        Assert.True(report.Latency.BudgetMet, string.Create(CultureInfo.InvariantCulture, $"reduction {report.Latency.Reduction}"));
        Assert.True(report.Latency.ReductionLow >= 0.1);
        var target = Assert.NotNull(report.Latency.TargetMs);
        Assert.All(channels.RatioCurve.Where(point => point.Ratio < channels.Ratio), point => Assert.True(point.LowMs > target || point.HighMs > target, $"{point.Ratio} already meets it"));

        using (var loaded = PrunedModelFiles.Load(first.OutputDirectory))
        {
            var widths = Assert.IsAssignableFrom<IReadOnlyDictionary<string, long>>(loaded.Architecture.HiddenWidths);
            Assert.All(channels.Layers.Where(layer => layer.Kept < layer.Width), layer => Assert.Equal(layer.Kept, widths[layer.Layer]));
            using var _ = no_grad();
            using var input = randn(2, 1, EngineFixture.Size, EngineFixture.Size);
            loaded.eval();
            using var expected = loaded.call(input);
            using var onnx = new OnnxRuntimeModel(File.ReadAllBytes(Path.Combine(first.OutputDirectory, ArtifactNames.Onnx)));
            using var actual = onnx.call(input);
            TensorAssert.Close(expected, actual, rtol: 1e-4, atol: 1e-4, what: "ONNX Runtime logits of the thinned model");
        }
        var markdown = File.ReadAllText(Path.Combine(first.OutputDirectory, ArtifactNames.Report));
        Assert.Contains("| hidden layer | width | kept | removed channels |", markdown, StringComparison.Ordinal);
        Assert.Contains("Method `channels`", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| rank | block |", markdown, StringComparison.Ordinal);
        Assert.Contains("class=\"kept\"", File.ReadAllText(Path.Combine(first.OutputDirectory, ArtifactNames.WidthChart)), StringComparison.Ordinal);
        Assert.Contains("\"hidden_widths\"", File.ReadAllText(Path.Combine(first.OutputDirectory, ArtifactNames.Descriptor)), StringComparison.Ordinal);
    }

    /// <summary>
    /// A fixed ratio against an easy budget is decided by its first rounds, so the rebuild reads those figures. (A
    /// budget search whose smaller ratios were still open when latency.max-seconds ran out is measured again on a
    /// rebuild, as a block budget is: docs/channel-pruning.md.)
    /// </summary>
    [Fact]
    public void A_rebuild_reads_statistics_latency_and_weights_from_the_cache_and_writes_the_same_bytes()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "latency-reduction: 1%", "method: channels\nchannels: { ratio: 0.5 }");
        var first = new Compressor(manifest, SilentProgress.Instance).Compress();
        var weights = File.ReadAllBytes(Path.Combine(first.OutputDirectory, ArtifactNames.Weights));

        var second = new Compressor(manifest, SilentProgress.Instance).Compress();

        Assert.False(second.Report.PhaseSeconds.ContainsKey("finetune"), "nothing changed, so nothing may be trained");
        Assert.Null(second.Report.Latency.Rounds);
        Assert.Equal(first.Report.Channels!.Layers.Select(layer => layer.Removed), second.Report.Channels!.Layers.Select(layer => layer.Removed));
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(second.OutputDirectory, ArtifactNames.Weights)));
    }

    [Fact]
    public void Blocks_and_channels_drops_blocks_then_thins_the_survivors_to_meet_the_budget()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "latency-reduction: 25%", "method: blocks+channels\ncriterion: l2");
        var report = new Compressor(manifest, SilentProgress.Instance).Compress().Report;

        Assert.Equal("blocks+channels", report.Method);
        var channels = Assert.IsType<ReportChannels>(report.Channels);
        Assert.True(report.Latency.BudgetMet);
        Assert.Equal(6, report.Blocks.Count);
        // Blocks first: the dropped blocks lead the ranking. How many is the budget decision's (its prefix less one,
        // SelectBlocks.BeforeChannels); the curve's intervals are a separate reading of the same noise, so comparing
        // with them failed once in CI (4 against 2), and they are not compared here.
        Assert.Equal(report.Blocks.OrderBy(block => block.Rank).Select(block => block.Block).Take(report.DroppedBlocks.Count), report.DroppedBlocks);
        Assert.Equal(report.DroppedBlocks.Count == 0 ? "teacher" : "teacher with the dropped blocks removed", channels.StatisticsFrom);
        Assert.All(channels.Layers, layer => Assert.DoesNotContain(layer.Layer[..layer.Layer.LastIndexOf('.')], report.DroppedBlocks));
        Assert.Equal(9 - (report.DroppedBlocks.Count * 1), channels.Layers.Count);
    }

    [Fact]
    public void A_fixed_ratio_is_used_as_given_and_the_per_layer_ranking_thins_every_layer_by_it()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "latency-reduction: 1%", "method: channels\nchannels: { ratio: 0.5, compensate: false, ranking: per-layer }");
        var report = new Compressor(manifest, SilentProgress.Instance).Compress().Report;

        var channels = Assert.IsType<ReportChannels>(report.Channels);
        Assert.Equal((0.5, "channels.ratio", false, "per-layer"), (channels.Ratio, channels.RatioSource, channels.Compensate, channels.Ranking));
        Assert.Single(channels.RatioCurve);
        Assert.All(channels.Layers, layer => Assert.Equal(layer.Width / 2, layer.Kept));
    }

    [Theory]
    [InlineData("latency-reduction: 60%", "channels: { ratio: 0.05 }", PipelineErrors.ChannelRatio, "channels.ratio")]
    [InlineData("latency-reduction: 20%", "channels: { ratio: 0.002 }", PipelineErrors.ChannelRatio, "channels.ratio 0.002 removes no channel")]
    [InlineData("latency-reduction: 95%", "", PipelineErrors.BudgetUnreachable, "budget.latency-reduction")]
    public void Budgets_and_ratios_that_cannot_work_together_are_errors_naming_the_key(string budget, string extra, string code, string key)
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, budget, $"method: channels\n{extra}");

        var error = Assert.Throws<PractiseException>(() => new Compressor(manifest, SilentProgress.Instance).Compress());

        Assert.Equal(code, error.Code);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
