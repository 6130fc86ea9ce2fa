using System.Globalization;
using Practise.Contract;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Manifest;
using Practise.Testing;

namespace Practise.Core.Tests.Engine;

/// <summary>The whole pipeline on a tiny model: artifacts, cache reuse and reproducibility.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class CompressorTests
{
    internal static Manifest.Manifest Write(EngineFixture fixture, string budget, string extra = "")
    {
        var yaml = TinyManifest.Yaml(fixture.WeightsPath, fixture.ImagesPath, fixture.LabelsPath, EngineFixture.Size, budget,
            withEval: true, cacheDir: "cache", extra: extra);
        var path = Path.Combine(fixture.Directory, "practise.yaml");
        File.WriteAllText(path, yaml);
        return ManifestLoader.Load(path);
    }

    [Fact]
    public void CompressWritesArtifactsAndASecondRunReusesEveryScoreAndReproducesTheWeights()
    {
        using var fixture = new EngineFixture();
        var manifest = Write(fixture, "blocks: 3");
        var first = new Compressor(manifest, SilentProgress.Instance).Compress();
        var weights = Path.Combine(first.OutputDirectory, "model.safetensors");
        var firstBytes = File.ReadAllBytes(weights);

        Assert.Equal(3, first.Report.DroppedBlocks.Count);
        Assert.Equal(6, first.Report.Blocks.Count);
        Assert.Equal(3, first.Report.Blocks.Count(block => block.Dropped));
        Assert.All(first.Report.Blocks, block => Assert.False(block.CacheHit));
        Assert.NotNull(first.Report.Accuracy);
        foreach (var file in new[] { "model.json", "practise.json", "report.md", "scores.svg", "latency.svg" })
            Assert.True(File.Exists(Path.Combine(first.OutputDirectory, file)), file);
        Assert.Contains("| rank | block |", File.ReadAllText(Path.Combine(first.OutputDirectory, "report.md")), StringComparison.Ordinal);
        // Prefixes 1 and 2 had to be measured, so the fourth rode along in the same rounds.
        AssertCurveFollowsTheRanking(first.Report, [0, 1, 2, 3, 4]);

        var second = new Compressor(manifest, SilentProgress.Instance).Compress();
        Assert.All(second.Report.Blocks, block => Assert.True(block.CacheHit, block.Block));
        Assert.False(second.Report.PhaseSeconds.ContainsKey("finetune"), "nothing changed, so nothing may be trained");
        Assert.Equal(first.Report.DroppedBlocks, second.Report.DroppedBlocks);
        Assert.Equal(firstBytes, File.ReadAllBytes(weights));
        Assert.Equal(first.Report.LatencyCurve, second.Report.LatencyCurve, CurvePointComparer.Instance);
    }

    /// <summary>Point k is the first k ranked blocks; its ends are the report's before and after latencies.</summary>
    private static void AssertCurveFollowsTheRanking(CompressionReport report, int[] sizes)
    {
        var ranking = report.Blocks.OrderBy(block => block.Rank).Select(block => block.Block).ToList();
        Assert.Equal(sizes, report.LatencyCurve.Select(point => point.BlocksDropped));
        Assert.All(report.LatencyCurve, point => Assert.Equal(ranking.Take(point.BlocksDropped), point.Dropped));
        Assert.All(report.LatencyCurve, point => Assert.InRange(point.MedianMs, point.P25Ms, point.P75Ms));
        Assert.Equal(report.Latency.BeforeMs, report.LatencyCurve[0].MedianMs);
        Assert.Equal(report.Latency.AfterMs, report.LatencyCurve.Single(point => point.BlocksDropped == report.DroppedBlocks.Count).MedianMs);
    }

    private sealed class CurvePointComparer : IEqualityComparer<ReportCurvePoint>
    {
        public static readonly CurvePointComparer Instance = new();

        public bool Equals(ReportCurvePoint? x, ReportCurvePoint? y) =>
            x is not null && y is not null && x.BlocksDropped == y.BlocksDropped && x.Dropped.SequenceEqual(y.Dropped) && x.MedianMs == y.MedianMs && x.P25Ms == y.P25Ms && x.P75Ms == y.P75Ms;

        public int GetHashCode(ReportCurvePoint obj) => obj.BlocksDropped;
    }

    [Fact]
    public void TwoRunsWithoutASharedCacheGiveByteIdenticalWeights()
    {
        using var fixture = new EngineFixture();
        // "first" makes the selection independent of measured latency, so only training can make the runs differ.
        var manifest = Write(fixture, "blocks: 2", "criterion: first");
        var first = new Compressor(manifest, SilentProgress.Instance, Path.Combine(fixture.Directory, "a"), Path.Combine(fixture.Directory, "cache-a")).Compress();
        var second = new Compressor(manifest, SilentProgress.Instance, Path.Combine(fixture.Directory, "b"), Path.Combine(fixture.Directory, "cache-b")).Compress();
        Assert.Equal(first.Report.ModelSha256, second.Report.ModelSha256);
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.OutputDirectory, "model.safetensors")), File.ReadAllBytes(Path.Combine(second.OutputDirectory, "model.safetensors")));
        Assert.True(second.Report.PhaseSeconds.ContainsKey("finetune"), "the second run must have trained, not read a cache");
    }

    [Fact]
    public void AnUnreachableLatencyBudgetFailsWithTheBestReachableLatency()
    {
        using var fixture = new EngineFixture();
        var manifest = Write(fixture, "latency-ms: 0.000001");
        var error = Assert.Throws<PractiseException>(() => new Compressor(manifest, SilentProgress.Instance).Compress());
        Assert.Equal(PipelineErrors.BudgetUnreachable, error.Code);
        Assert.Contains("at best", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALatencyBudgetIsMetByTheMeasuredLatencyOfTheChosenSet()
    {
        using var fixture = new EngineFixture();
        var manifest = Write(fixture, "latency-reduction: 20%", "criterion: l2");
        var report = new Compressor(manifest, SilentProgress.Instance).Compress().Report;
        Assert.True(report.Latency.Reduction >= 0.2, string.Create(CultureInfo.InvariantCulture, $"reduction {report.Latency.Reduction}"));
        Assert.NotEmpty(report.DroppedBlocks);
        // The selection measured every prefix, so the curve shows them all, with the target the choice was made against.
        AssertCurveFollowsTheRanking(report, [0, 1, 2, 3, 4, 5, 6]);
        var target = Assert.NotNull(report.Latency.TargetMs);
        Assert.Equal(report.Latency.BeforeMs * 0.8, target, 9);
        var k = report.DroppedBlocks.Count;
        Assert.True(report.LatencyCurve[k].MedianMs <= target);
        Assert.All(report.LatencyCurve.Take(k), point => Assert.True(point.MedianMs > target, $"{point.BlocksDropped} blocks already meet the target"));
    }
}
