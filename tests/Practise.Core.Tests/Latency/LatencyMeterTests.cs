using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Latency;

public class RoundOrderTests
{
    [Fact]
    public void EveryRoundIsAPermutationAndTheOrderIsSeeded()
    {
        var orders = LatencyMeter.RoundOrders(variants: 6, rounds: 20, seed: 11);

        Assert.Equal(20, orders.Count);
        Assert.All(orders, order => Assert.Equal(Enumerable.Range(0, 6), order.Order()));
        Assert.True(orders.Select(order => string.Join(",", order)).Distinct().Count() > 10, "rounds are reshuffled");
        Assert.Equal(orders, LatencyMeter.RoundOrders(6, 20, 11));
        Assert.NotEqual(orders, LatencyMeter.RoundOrders(6, 20, 12));
    }
}

/// <summary>Timing tests run alone: they pin the process-wide thread count and need a quiet CPU.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class LatencyMeterTests
{
    internal static readonly MeasurementSettings Tiny = new(Batch: 2, Channels: 1, Height: 16, Width: 16, Warmup: 1, Repeats: 5, Threads: 1, Seed: 3);

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

        var measurements = LatencyMeter.Measure([model, copy], Tiny with { Threads = pinned, Warmup = 2 });

        Assert.Equal(before, get_num_threads());
        Assert.True(model.training);
        Assert.False(copy.training);
        Assert.Equal(tensors, LiveTensors.Count);
        Assert.Equal(2 + 5, seen.Count);
        Assert.All(seen, forward => Assert.Equal((pinned, false, false), forward));
        Assert.All(measurements, measurement =>
        {
            Assert.Equal(5, measurement.Samples);
            Assert.All(measurement.SamplesMs, sample => Assert.True(sample > 0));
        });
        Assert.NotNull(measurements[0].Session);
        Assert.Equal(measurements[0].Session, measurements[1].Session);
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
            var measurements = LatencyMeter.Measure([original, pruned], Tiny with { Repeats = 41, Seed = attempt });
            var saving = LatencySavings.Compute(measurements[0], measurements[1]);
            Assert.True(saving.Paired);
            if (saving.Measurable && saving.Tau > 0.1 && measurements[0].MedianMs > measurements[1].MedianMs) return;
            attempts.Add($"original {measurements[0].MedianMs:F3} ms, pruned {measurements[1].MedianMs:F3} ms, τ {saving.Tau:F3}, lower bound {saving.LowerBoundMs:F3} ms");
        }
        Assert.Fail("the pruned model was never measurably faster: " + string.Join("; ", attempts));
    }
}
