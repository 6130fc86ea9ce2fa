using Practise.Manifest;

namespace Practise.Core.Latency;

/// <summary>
/// How latency is measured: the input timed (batch × channels × height × width), untimed warm-up forwards per
/// model, the quiet interleaved rounds every request needs at least (each times every model once), the time a
/// request may go on measuring while its decision is open, the pinned intra-op thread count, the seed of the
/// round order and the runtime the forwards run in.
/// </summary>
public sealed record MeasurementSettings(int Batch, int Channels, int Height, int Width, int Warmup, int Repeats, int Threads, int Seed,
    double MaxSeconds = 60, LatencyRuntime Runtime = LatencyRuntime.Libtorch)
{
    /// <summary>The manifest's latency section and input, with the run's seed.</summary>
    public static MeasurementSettings From(LatencySettings latency, InputSettings input, int seed) =>
        new(latency.Batch, input.Channels, input.Size.Height, input.Size.Width, latency.Warmup, latency.Repeats, latency.Threads, seed, latency.MaxSeconds, latency.Runtime);

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
        ArgumentOutOfRangeException.ThrowIfNegative(MaxSeconds, nameof(MaxSeconds));
    }
}
