namespace Practise.Core.Latency;

/// <summary>
/// What dropping blocks saved: τ = (median_base − median_variant) / median_base, the paper's latency gain, and whether
/// the saving stands out from the noise. A saving that is not measurable is flagged "no measurable gain" and must rank
/// after every measurable one (its τ may even be ≤ 0).
/// </summary>
/// <param name="Tau">Relative saving of the medians.</param>
/// <param name="DifferenceMs">The point estimate of the saving in ms: median of per-round paired differences, or the
/// difference of medians when unpaired.</param>
/// <param name="LowerBoundMs">The bootstrap 5th percentile of that estimate: a one-sided 95% lower bound.</param>
/// <param name="Paired">Whether both were timed in the same rounds (same session), so per-round differences were used.</param>
/// <param name="Measurable">DifferenceMs &gt; 0, LowerBoundMs &gt; 0 and at least <see cref="LatencySavings.MinimumSamples"/> samples.</param>
public sealed record LatencySaving(double Tau, double DifferenceMs, double LowerBoundMs, bool Paired, bool Measurable)
{
    public const string NoMeasurableGain = "no measurable gain";

    /// <summary>Null when measurable, else "no measurable gain" (for reports).</summary>
    public string? Flag => Measurable ? null : NoMeasurableGain;
}

/// <summary>
/// The rule for a measurable saving. When baseline and variant were timed in the same interleaved rounds, the
/// per-round differences d_i = base_i − variant_i cancel drift and background load that hit both alike; the saving
/// is measurable when median(d) &gt; 0 and the 5th percentile of the medians of seeded bootstrap resamples of d is
/// &gt; 0 (a one-sided 95% bound). Without pairing (measured in different sessions, e.g. a profile extended later),
/// baseline and variant are resampled independently and the bound is on the difference of medians. Either way at
/// least five samples are needed: with four or fewer, even four positive differences out of four happen by chance
/// with probability 1/16 &gt; 5% (sign test), while bootstrap bounds from so few values are overconfident.
/// </summary>
public static class LatencySavings
{
    public const int MinimumSamples = 5;
    public const int DefaultResamples = 1000;
    public const double LowerQuantile = 0.05;

    public static LatencySaving Compute(LatencyMeasurement baseline, LatencyMeasurement variant, int seed = 0, int resamples = DefaultResamples)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(variant);
        if (baseline.MedianMs <= 0) throw new ArgumentException($"baseline median latency must be positive, got {baseline.MedianMs} ms", nameof(baseline));
        var tau = (baseline.MedianMs - variant.MedianMs) / baseline.MedianMs;
        var paired = baseline.Session is not null && baseline.Session == variant.Session && baseline.SamplesMs.Count == variant.SamplesMs.Count;
        double difference, lowerBound;
        if (paired)
        {
            var differences = baseline.SamplesMs.Zip(variant.SamplesMs, (b, v) => b - v).ToArray();
            difference = SampleStatistics.Median(differences);
            lowerBound = PairedLowerBound(differences, resamples, seed);
        }
        else
        {
            difference = baseline.MedianMs - variant.MedianMs;
            lowerBound = UnpairedLowerBound(baseline.SamplesMs, variant.SamplesMs, resamples, seed);
        }
        var enough = Math.Min(baseline.SamplesMs.Count, variant.SamplesMs.Count) >= MinimumSamples;
        return new LatencySaving(tau, difference, lowerBound, paired, enough && difference > 0 && lowerBound > 0);
    }

    /// <summary>The 5th percentile of the median over seeded bootstrap resamples of paired differences.</summary>
    public static double PairedLowerBound(IReadOnlyList<double> differences, int resamples = DefaultResamples, int seed = 0)
    {
        var random = new Random(seed);
        var medians = new double[resamples];
        for (var r = 0; r < resamples; r++) medians[r] = ResampleMedian(differences, random);
        return SampleStatistics.Quantile(medians, LowerQuantile);
    }

    /// <summary>The 5th percentile of median(base*) − median(variant*) over independent seeded bootstrap resamples.</summary>
    public static double UnpairedLowerBound(IReadOnlyList<double> baseline, IReadOnlyList<double> variant, int resamples = DefaultResamples, int seed = 0)
    {
        var random = new Random(seed);
        var differences = new double[resamples];
        for (var r = 0; r < resamples; r++) differences[r] = ResampleMedian(baseline, random) - ResampleMedian(variant, random);
        return SampleStatistics.Quantile(differences, LowerQuantile);
    }

    private static double ResampleMedian(IReadOnlyList<double> values, Random random)
    {
        if (values.Count == 0) throw new ArgumentException("no samples to resample", nameof(values));
        var resample = new double[values.Count];
        for (var i = 0; i < resample.Length; i++) resample[i] = values[random.Next(values.Count)];
        Array.Sort(resample);
        return SampleStatistics.QuantileOfSorted(resample, 0.5);
    }
}
