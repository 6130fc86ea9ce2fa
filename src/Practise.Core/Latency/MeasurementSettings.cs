namespace Practise.Core.Latency;

/// <summary>
/// How latency is measured: the input timed (batch × channels × height × width), untimed warm-up forwards per
/// variant, the number of interleaved rounds (each times every variant once), the pinned intra-op thread count and
/// the seed of the round order and of the bootstrap.
/// </summary>
public sealed record MeasurementSettings(int Batch, int Channels, int Height, int Width, int Warmup, int Repeats, int Threads, int Seed)
{
    /// <summary>The manifest's latency section and input, with the run's seed.</summary>
    public static MeasurementSettings From(Practise.Manifest.LatencySettings latency, Practise.Manifest.InputSettings input, int seed) =>
        new(latency.Batch, input.Channels, input.Size.Height, input.Size.Width, latency.Warmup, latency.Repeats, latency.Threads, seed);

    /// <summary>[batch, channels, height, width].</summary>
    public long[] InputShape => [Batch, Channels, Height, Width];

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Batch, 1, nameof(Batch));
        ArgumentOutOfRangeException.ThrowIfLessThan(Channels, 1, nameof(Channels));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 1, nameof(Height));
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 1, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfNegative(Warmup, nameof(Warmup));
        ArgumentOutOfRangeException.ThrowIfLessThan(Repeats, 1, nameof(Repeats));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
    }
}
