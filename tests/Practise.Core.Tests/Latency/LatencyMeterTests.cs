using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Latency;

/// <summary>Timing tests run alone: they pin the process-wide thread count and need a quiet CPU.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class LatencyMeterTests
{
    internal static readonly MeasurementSettings Tiny = new(Batch: 2, Channels: 1, Height: 16, Width: 16, Warmup: 1, Repeats: 5, Threads: 1, Seed: 3, MaxSeconds: 0);

    [Fact]
    public void ThreadsArePinnedWhileMeasuringAndRestoredWithModesAfterwards()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        using var copy = BlockSurgery.Prune(model, []);
        model.train();
        copy.eval();
        var seen = new List<(int Threads, bool Training, bool GradEnabled)>();
        using var hook = new HookHandle(model.register_forward_hook((module, input, output) =>
        {
            seen.Add((get_num_threads(), module.training, is_grad_enabled()));
            return output;
        }).remove);
        var before = get_num_threads();
        var pinned = before == 1 ? 2 : 1;
        var tensors = LiveTensors.Count;

        var measured = LatencyMeter.Measure(model, [copy], Tiny with { Threads = pinned, Warmup = 2 }, _ => true);

        Assert.Equal(before, get_num_threads());
        Assert.True(model.training);
        Assert.False(copy.training);
        Assert.Equal(tensors, LiveTensors.Count);
        Assert.Equal(2 + 5, seen.Count);
        Assert.All(seen, forward => Assert.Equal((pinned, false, false), forward));
        var figures = Assert.Single(measured.Variants);
        Assert.Equal(5, figures.Rounds + measured.Summary.SetAsideRounds);
        Assert.Equal(figures.Rounds, measured.Summary.Rounds);
    }

    [Fact]
    public void AModelDoingMoreWorkIsMeasuredSlowerAndTheGainIsMeasurable()
    {
        // 27 blocks against 19: a gain far above the noise of a quiet CPU even at this tiny input. A loaded machine
        // (other builds) can swamp a whole measurement with bursts, so a few independent attempts are allowed; a
        // meter that timed the wrong variant, or a rule that cannot see a real gain, fails all of them.
        using var original = ModelZoo.Create("resnet56_cifar", 10, inChannels: 1);
        var drop = original.DroppableBlocks().Where((_, i) => i % 2 == 0).Take(8).ToList();
        using var pruned = BlockSurgery.Prune(original, drop);
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var figures = LatencyMeter.Measure(original, [pruned], Tiny with { Repeats = 41, Seed = attempt }, _ => true).Variants[0];
            if (figures.ReductionInterval.Low > 0.1) return;
            attempts.Add($"reduction {figures.Reduction:P1} (90% interval {figures.ReductionInterval.Low:P1}–{figures.ReductionInterval.High:P1})");
        }
        Assert.Fail("the pruned model was never measurably faster: " + string.Join("; ", attempts));
    }
}
