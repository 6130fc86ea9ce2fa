using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Synthesis;

/// <summary>
/// Standard normal samples from <see cref="SplitMix64"/> by Box–Muller, drawn in C# rather than by libtorch's generator
/// so that the same seed gives the same noise on every device and libtorch version (the starting point of a synthesis,
/// and the whole of the noise baseline).
/// </summary>
public static class GaussianNoise
{
    /// <summary>A float32 tensor of <paramref name="shape"/> on the CPU, filled in row-major order.</summary>
    public static Tensor Sample(long[] shape, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var count = shape.Aggregate(1L, (product, side) => product * side);
        var values = new float[count];
        var random = new SplitMix64(seed);
        for (long i = 0; i < count; i += 2)
        {
            // 1 − u keeps the logarithm's argument in (0, 1].
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < count) values[i + 1] = (float)(radius * Math.Sin(angle));
        }
        return tensor(values, shape);
    }

    /// <summary>An independent stream for item <paramref name="index"/> of a seeded whole (a batch of a set).</summary>
    public static ulong Stream(long seed, long index, ulong purpose) =>
        new SplitMix64(unchecked((ulong)seed ^ ((ulong)index * 0x9E3779B97F4A7C15UL) ^ purpose)).Next();
}
