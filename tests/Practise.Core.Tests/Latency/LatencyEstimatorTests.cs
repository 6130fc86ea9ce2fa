using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Latency;

[Collection(LiveTensorCountCollection.Name)]
public class LatencyEstimatorTests
{
    private static readonly MeasurementSettings Tiny = LatencyMeterTests.Tiny;

    [Fact]
    public void SingleDropsAreMeasuredWithTheOriginalInOneSessionWithoutLeaks()
    {
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var blocks = teacher.DroppableBlocks().Take(3).ToList();
        var tensors = LiveTensors.Count;

        var report = new LatencyEstimator().MeasureSingleDrops(teacher, blocks, Tiny);

        Assert.Equal(tensors, LiveTensors.Count);
        Assert.Equal(LatencyReport.Measured, report.Source);
        Assert.Equal(blocks, report.Variants.Select(variant => Assert.Single(variant.Dropped)));
        Assert.All(report.Variants, variant =>
        {
            Assert.Equal(report.Baseline.Session, variant.Measurement.Session);
            Assert.True(variant.Saving.Paired);
            Assert.Equal((report.Baseline.MedianMs - variant.Measurement.MedianMs) / report.Baseline.MedianMs, variant.Saving.Tau, 12);
        });
        Assert.Same(report.Variants[1], report.For([blocks[1]]));
    }

    [Fact]
    public void AnExtendedProfileIsSavedAndThenServesThePinnedFigures()
    {
        using var directory = new TemporaryDirectory();
        using var full = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        using var teacher = BlockSurgery.Prune(full, ["layer1.1"]);
        var blocks = teacher.DroppableBlocks().Take(2).ToList();
        var path = directory.File("latency.json");
        var fresh = LatencyProfile.Create(path, full.Architecture, DeviceFingerprint.Current(Tiny.Threads), Tiny);

        var measured = new LatencyEstimator(fresh, LatencyProfileMode.Extend).MeasureSingleDrops(teacher, blocks, Tiny);
        var pinned = new LatencyEstimator(LatencyProfile.Load(path)).MeasureSingleDrops(teacher, blocks, Tiny with { Warmup = 0 });

        Assert.Equal(LatencyReport.Measured, measured.Source);
        Assert.Equal(LatencyReport.FromProfile, pinned.Source);
        Assert.Equal(["layer1.1", .. blocks.Select(block => LatencyProfile.Key(["layer1.1", block]))], LatencyProfile.Load(path).Variants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(measured.Baseline.SamplesMs, pinned.Baseline.SamplesMs);
        Assert.Equal(measured.Variants.Select(variant => variant.Saving), pinned.Variants.Select(variant => variant.Saving));

        var missing = Assert.Throws<LatencyProfileException>(() =>
            new LatencyEstimator(LatencyProfile.Load(path)).MeasureVariants(teacher, [blocks], Tiny));
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
        Assert.Contains($"{{layer1.1, {blocks[0]}, {blocks[1]}}}", missing.Message, StringComparison.Ordinal);
        Assert.Contains("re-run `practise latency` to extend the profile", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiguresAddedInALaterSessionAreScaledToTheStoredBaseline()
    {
        using var directory = new TemporaryDirectory();
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var block = teacher.DroppableBlocks()[0];
        var profile = LatencyProfile.Create(directory.File("latency.json"), teacher.Architecture, DeviceFingerprint.Current(Tiny.Threads), Tiny);
        // A baseline stored by an earlier session of a (much) slower machine state: 1 s per forward.
        profile.Set([], LatencyMeasurement.FromSamples([1000.0, 1000.0, 1000.0], session: "earlier"));

        var report = new LatencyEstimator(profile, LatencyProfileMode.Extend).MeasureSingleDrops(teacher, [block], Tiny);

        var stored = LatencyProfile.Load(profile.Path).Lookup([block]);
        // Dropping one of 9 blocks of a tiny model leaves it near the baseline's time in the same rounds (0.9× when
        // quiet; wider under load, hence the loose bounds); unscaled, the figure would be a few milliseconds.
        Assert.InRange(stored.MedianMs, 100, 10_000);
        Assert.Equal(1000.0, report.Baseline.MedianMs);
        Assert.Equal(stored.MedianMs, report.Variants[0].Measurement.MedianMs);
        Assert.False(report.Variants[0].Saving.Paired);
    }
}
