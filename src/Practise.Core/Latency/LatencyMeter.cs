using System.Diagnostics;
using Practise.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Latency;

/// <summary>
/// Times forwards of the teacher and variants of it against each other in adaptive paired rounds
/// (<see cref="PairedRounds"/>): latency noise on shared CPUs is as large as one block's saving, so every figure is a
/// per-round ratio to the teacher timed in the same round.
/// </summary>
public static class LatencyMeter
{
    /// <summary>
    /// One paired figure per variant, in the order given, measured until <paramref name="settled"/> holds or the
    /// settings' time is up. Forwards run in eval mode under no_grad on one fixed seeded input (on the teacher's
    /// device), with torch's intra-op threads pinned to settings.Threads; thread count and train/eval modes are
    /// restored afterwards.
    /// </summary>
    public static SessionResult Measure(nn.Module<Tensor, Tensor> teacher, IReadOnlyList<nn.Module<Tensor, Tensor>> variants,
        MeasurementSettings settings, Func<IReadOnlyList<PairedLatency>, bool> settled)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(variants);
        if (variants.Count == 0) throw new ArgumentException("nothing to measure", nameof(variants));
        settings.Validate();
        IReadOnlyList<nn.Module<Tensor, Tensor>> models = [teacher, .. variants];
        var wasTraining = models.Select(model => model.training).ToArray();
        var previousThreads = get_num_threads();
        try
        {
            set_num_threads(settings.Threads);
            foreach (var model in models) model.eval();
            using var _ = no_grad();
            using var input = FixedInput(settings, teacher.DeviceOf());
            foreach (var model in models)
            {
                for (var i = 0; i < settings.Warmup; i++) Forward(model, input);
            }
            var clock = Stopwatch.StartNew();
            return PairedRounds.Run(variants.Count, index => Forward(models[index], input), RoundPlan.From(settings), settled, () => clock.Elapsed);
        }
        finally
        {
            set_num_threads(previousThreads);
            for (var i = 0; i < models.Count; i++) models[i].train(wasTraining[i]);
        }
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
