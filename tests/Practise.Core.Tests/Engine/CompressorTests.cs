using System.Globalization;
using Practise.Core.Pipeline;
using Practise.Manifest;
using Practise.Testing;

namespace Practise.Core.Tests.Engine;

/// <summary>The whole pipeline on a tiny model: artifacts, cache reuse and reproducibility.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class CompressorTests
{
    private static Manifest.Manifest Write(EngineFixture fixture, string budget, string extra = "")
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
        foreach (var file in new[] { "model.json", "practise.json", "report.md", "scores.svg" })
            Assert.True(File.Exists(Path.Combine(first.OutputDirectory, file)), file);
        Assert.Contains("| rank | block |", File.ReadAllText(Path.Combine(first.OutputDirectory, "report.md")), StringComparison.Ordinal);

        var second = new Compressor(manifest, SilentProgress.Instance).Compress();
        Assert.All(second.Report.Blocks, block => Assert.True(block.CacheHit, block.Block));
        Assert.False(second.Report.PhaseSeconds.ContainsKey("finetune"), "nothing changed, so nothing may be trained");
        Assert.Equal(first.Report.DroppedBlocks, second.Report.DroppedBlocks);
        Assert.Equal(firstBytes, File.ReadAllBytes(weights));
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
    }
}
