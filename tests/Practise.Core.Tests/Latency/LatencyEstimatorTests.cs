using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;

namespace Practise.Core.Tests.Latency;

[Collection(LiveTensorCountCollection.Name)]
public class LatencyEstimatorTests
{
    private static readonly MeasurementSettings Tiny = LatencyMeterTests.Tiny;

    private static LatencyDecision Never { get; } = new(_ => false, KeepUnsettled: false);

    private static LatencyDecision Always { get; } = new(_ => true, KeepUnsettled: false);

    [Fact]
    public void SingleDropsArePairedWithTheTeachersRoundsInOneSessionWithoutLeaks()
    {
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var blocks = teacher.DroppableBlocks().Take(3).ToList();
        var tensors = LiveTensors.Count;

        var report = new LatencyEstimator().MeasureSingleDrops(teacher, blocks, Tiny);

        Assert.Equal(tensors, LiveTensors.Count);
        Assert.Equal(LatencyReport.Measured, report.Source);
        Assert.NotNull(report.Session);
        Assert.Equal(blocks, report.Variants.Select(variant => Assert.Single(variant.Dropped)));
        Assert.All(report.Variants, variant => Assert.Equal(report.Variants[0].Figures.BaselineMs, variant.Figures.BaselineMs));
        Assert.Same(report.Variants[1], report.For([blocks[1]]));
    }

    [Fact]
    public void InOnnxRuntimeTheSameModelsAreTimedInSessionsAndTheFingerprintSaysSo()
    {
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var blocks = teacher.DroppableBlocks().Take(2).ToList();
        var settings = Tiny with { Runtime = Practise.Manifest.LatencyRuntime.Onnxruntime };
        var tensors = LiveTensors.Count;

        var report = new LatencyEstimator().MeasureSingleDrops(teacher, blocks, settings);

        Assert.Equal(tensors, LiveTensors.Count);
        Assert.Equal(Practise.Manifest.LatencyRuntime.Onnxruntime, report.Fingerprint.Runtime);
        Assert.Contains($"timed in onnxruntime {Practise.Core.Onnx.OnnxRuntimeModel.Version}", report.Fingerprint.Description, StringComparison.Ordinal);
        Assert.All(report.Variants, variant => Assert.True(variant.Figures.Rounds >= Tiny.Repeats && variant.Figures.BaselineMs.All(ms => ms > 0)));
    }

    [Fact]
    public void TheCurveMeasuresOnlyWhatTheProfileLacksSoTheSavingsARankingUsedStayPut()
    {
        using var directory = new TemporaryDirectory();
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var blocks = teacher.DroppableBlocks().Take(2).ToList();
        var path = directory.File("latency.json");
        var estimator = new LatencyEstimator(LatencyProfile.Create(path, teacher.Architecture, DeviceFingerprint.Current(Tiny.Threads), Tiny), LatencyProfileMode.Extend);
        var single = estimator.MeasureSingleDrops(teacher, blocks, Tiny).For([blocks[0]]).Figures;

        // The first prefix is the first single drop: stored, it is read; the second prefix is new and measured.
        var curve = estimator.Measure(teacher, [[blocks[0]], blocks], Tiny, LatencyDecision.Curve);

        Assert.Equal(LatencyReport.Measured, curve.Source);
        Assert.True(curve.For([blocks[0]]).Figures.SameRounds(single));
        Assert.True(LatencyProfile.Load(path).Lookup([blocks[0]]).SameRounds(single));
        Assert.True(LatencyProfile.Load(path).TryLookup(blocks, out _));
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
        Assert.Null(pinned.Session);
        Assert.Equal(blocks.Select(block => LatencyProfile.Key(["layer1.1", block])), LatencyProfile.Load(path).Variants.Keys.Order(StringComparer.Ordinal));
        Assert.All(measured.Variants.Zip(pinned.Variants), pair => Assert.True(pair.First.Figures.SameRounds(pair.Second.Figures)));

        var missing = Assert.Throws<LatencyProfileException>(() =>
            new LatencyEstimator(LatencyProfile.Load(path)).Measure(teacher, [blocks], Tiny, LatencyDecision.Curve));
        Assert.Contains(path, missing.Message, StringComparison.Ordinal);
        Assert.Contains($"{{layer1.1, {blocks[0]}, {blocks[1]}}}", missing.Message, StringComparison.Ordinal);
        Assert.Contains("re-run `practise latency` to extend the profile", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StoredFiguresThatSettleTheDecisionAreReadAndOpenOnesAreMeasuredFurtherInPairs()
    {
        using var directory = new TemporaryDirectory();
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var block = teacher.DroppableBlocks()[0];
        var profile = LatencyProfile.Create(directory.File("latency.json"), teacher.Architecture, DeviceFingerprint.Current(Tiny.Threads), Tiny);
        // Figures of an earlier session on a much slower machine state: 1 s per forward, ratio 0.9.
        var earlier = new PairedLatency([1000, 1000, 1000], [900, 900, 900]);
        profile.Set([block], earlier);
        var estimator = new LatencyEstimator(profile, LatencyProfileMode.Extend);

        var read = estimator.Measure(teacher, [[block]], Tiny, Always);
        // A decision the three stored rounds cannot settle and the pooled rounds can.
        var extended = estimator.Measure(teacher, [[block]], Tiny, new LatencyDecision(figures => figures[0].Rounds > 3, KeepUnsettled: false));

        Assert.Equal(LatencyReport.FromProfile, read.Source);
        Assert.True(read.Variants[0].Figures.SameRounds(earlier));
        Assert.Equal(LatencyReport.Measured, extended.Source);
        var pooled = extended.Variants[0].Figures;
        // The new rounds are appended as pairs of this session: never set against the stored 1 s baseline.
        Assert.Equal(earlier.Ratios, pooled.Ratios.Take(3));
        Assert.True(pooled.Rounds > 3);
        Assert.All(pooled.BaselineMs.Skip(3), ms => Assert.InRange(ms, 0, 999));
        Assert.True(extended.Session!.Settled);
        Assert.True(LatencyProfile.Load(profile.Path).Lookup([block]).SameRounds(pooled));
    }

    [Fact]
    public void OnlyFiguresThatSettleOrAreAcceptedAreKeptAndAFreshSessionReplacesThem()
    {
        using var directory = new TemporaryDirectory();
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var block = teacher.DroppableBlocks()[0];
        var path = directory.File("latency.json");
        var estimator = new LatencyEstimator(LatencyProfile.Create(path, teacher.Architecture, DeviceFingerprint.Current(Tiny.Threads), Tiny), LatencyProfileMode.Extend);

        var open = estimator.Measure(teacher, [[block]], Tiny, Never);
        Assert.False(open.Session!.Settled);
        Assert.False(File.Exists(path));
        // Figures a selection still has to check are saved when it accepts them, not before.
        var toCheck = estimator.Measure(teacher, [[block]], Tiny, Always, keep: false);
        Assert.False(File.Exists(path));
        estimator.Keep(teacher, toCheck);
        var first = LatencyProfile.Load(path).Lookup([block]);
        Assert.True(first.SameRounds(toCheck.Variants[0].Figures));

        var again = estimator.Measure(teacher, [[block]], Tiny, Always, fresh: true).Variants[0].Figures;

        Assert.Equal(first.Rounds, again.Rounds);
        Assert.False(first.SameRounds(again));
        Assert.True(LatencyProfile.Load(path).Lookup([block]).SameRounds(again));
    }
}
