namespace Practise.Core.Latency;

/// <summary>
/// Forward latency of one model variant. <see cref="SamplesMs"/> is in ROUND order, not sorted: sample i was taken
/// in round i, so two measurements with the same <see cref="Session"/> can be compared round by round (paired).
/// </summary>
public sealed record LatencyMeasurement(double MedianMs, double P25Ms, double P75Ms, double MadMs, int Samples, IReadOnlyList<double> SamplesMs)
{
    /// <summary>
    /// Which run of interleaved rounds produced the samples; measurements of one session were timed in the same rounds.
    /// Null when unknown (then savings are computed without pairing).
    /// </summary>
    public string? Session { get; init; }

    /// <summary>The same rounds on another time scale (every sample times <paramref name="factor"/>), same session.</summary>
    public LatencyMeasurement Scaled(double factor) => FromSamples(SamplesMs.Select(sample => sample * factor).ToList(), Session);

    /// <summary>The summary statistics of per-round samples (in milliseconds, round order kept).</summary>
    public static LatencyMeasurement FromSamples(IReadOnlyList<double> samplesMs, string? session = null)
    {
        if (samplesMs.Count == 0) throw new ArgumentException("a latency measurement needs at least one sample", nameof(samplesMs));
        var sorted = samplesMs.Order().ToArray();
        return new LatencyMeasurement(
            SampleStatistics.QuantileOfSorted(sorted, 0.5),
            SampleStatistics.QuantileOfSorted(sorted, 0.25),
            SampleStatistics.QuantileOfSorted(sorted, 0.75),
            SampleStatistics.MedianAbsoluteDeviation(samplesMs),
            samplesMs.Count,
            samplesMs.ToArray())
        { Session = session };
    }
}
