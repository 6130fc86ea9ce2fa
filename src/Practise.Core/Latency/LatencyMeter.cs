using System.Diagnostics;
using Practise.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Latency;

/// <summary>
/// Times forwards of several model variants against each other. Latency noise on shared CPUs is as large as one
/// block's saving, so the variants are interleaved: every round times each variant once, in a freshly shuffled order,
/// and drift or background load falls on all variants alike. Sample i of every variant comes from round i, which lets
/// savings be judged on per-round paired differences (<see cref="LatencySavings"/>).
/// </summary>
public static class LatencyMeter
{
    /// <summary>
    /// One measurement per variant, in the order given, all with the same new <see cref="LatencyMeasurement.Session"/>.
    /// Forwards run in eval mode under no_grad on one fixed seeded input (on the first variant's device), with
    /// torch's intra-op threads pinned to settings.Threads; thread count and train/eval modes are restored afterwards.
    /// </summary>
    public static IReadOnlyList<LatencyMeasurement> Measure(IReadOnlyList<nn.Module<Tensor, Tensor>> variants, MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count == 0) throw new ArgumentException("nothing to measure", nameof(variants));
        settings.Validate();
        var device = variants[0].DeviceOf();
        var wasTraining = variants.Select(variant => variant.training).ToArray();
        var previousThreads = get_num_threads();
        try
        {
            set_num_threads(settings.Threads);
            foreach (var variant in variants) variant.eval();
            using var _ = no_grad();
            using var input = FixedInput(settings, device);
            foreach (var variant in variants)
            {
                for (var i = 0; i < settings.Warmup; i++) Forward(variant, input);
            }
            var samples = variants.Select(_ => new double[settings.Repeats]).ToArray();
            var orders = RoundOrders(variants.Count, settings.Repeats, settings.Seed);
            for (var round = 0; round < settings.Repeats; round++)
            {
                foreach (var index in orders[round]) samples[index][round] = Forward(variants[index], input);
            }
            var session = Guid.NewGuid().ToString("N");
            return samples.Select(values => LatencyMeasurement.FromSamples(values, session)).ToList();
        }
        finally
        {
            set_num_threads(previousThreads);
            for (var i = 0; i < variants.Count; i++) variants[i].train(wasTraining[i]);
        }
    }

    /// <summary>The order variants are timed in, per round: a seeded Fisher–Yates permutation of 0..variants−1 each.</summary>
    public static IReadOnlyList<int[]> RoundOrders(int variants, int rounds, int seed)
    {
        var random = new Random(seed);
        var orders = new List<int[]>(rounds);
        for (var round = 0; round < rounds; round++)
        {
            var order = Enumerable.Range(0, variants).ToArray();
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            orders.Add(order);
        }
        return orders;
    }

    /// <summary>Milliseconds for one forward, including its outputs' release (part of the real cost).</summary>
    private static double Forward(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        var start = Stopwatch.GetTimestamp();
        using (var output = model.call(input))
        {
            // CUDA launches are asynchronous: reading one element waits for the forward to finish.
            if (output.device.type == DeviceType.CUDA)
            {
                using var flat = output.flatten();
                using var first = flat.narrow(0, 0, 1);
                first.ToSingle();
            }
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Uniform values in [−1, 1) from System.Random, so measuring never moves torch's global generator.</summary>
    private static Tensor FixedInput(MeasurementSettings settings, Device device)
    {
        var random = new Random(settings.Seed);
        var values = new float[settings.InputShape.Aggregate(1L, (product, size) => product * size)];
        for (var i = 0; i < values.Length; i++) values[i] = (random.NextSingle() * 2) - 1;
        var input = tensor(values, settings.InputShape);
        if (device.type == DeviceType.CPU) return input;
        using (input) return input.to(device);
    }
}
