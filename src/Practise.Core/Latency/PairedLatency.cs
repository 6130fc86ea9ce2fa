namespace Practise.Core.Latency;

/// <summary>
/// A variant of the teacher timed against the teacher in the same interleaved rounds: <see cref="BaselineMs"/>[i] and
/// <see cref="VariantMs"/>[i] come from round i. Every figure is taken over the per-round ratios variant ÷ baseline,
/// so load that slows a whole round cancels and no figure is ever set against a baseline timed at another time.
/// Rounds of several sessions pool by concatenation: each pair stays a pair.
/// </summary>
public sealed class PairedLatency
{
    private readonly double[] ratios;

    public PairedLatency(IReadOnlyList<double> baselineMs, IReadOnlyList<double> variantMs)
    {
        ArgumentNullException.ThrowIfNull(baselineMs);
        ArgumentNullException.ThrowIfNull(variantMs);
        if (baselineMs.Count == 0 || baselineMs.Count != variantMs.Count)
            throw new ArgumentException($"paired timings need the same number (≥ 1) of baseline and variant rounds, got {baselineMs.Count} and {variantMs.Count}");
        if (baselineMs.Concat(variantMs).Any(ms => !(ms > 0) || !double.IsFinite(ms)))
            throw new ArgumentException("timings must be positive, finite milliseconds");
        BaselineMs = baselineMs.ToArray();
        VariantMs = variantMs.ToArray();
        ratios = BaselineMs.Zip(VariantMs, (baseline, variant) => variant / baseline).ToArray();
        Ratio = SampleStatistics.Median(ratios);
        RatioInterval = MedianInterval.Of(ratios);
    }

    /// <summary>The teacher alone: its own rounds on both sides (ratio 1).</summary>
    public static PairedLatency Teacher(IReadOnlyList<double> baselineMs) => new(baselineMs, baselineMs);

    public IReadOnlyList<double> BaselineMs { get; }

    public IReadOnlyList<double> VariantMs { get; }

    public int Rounds => ratios.Length;

    /// <summary>Per-round variant ÷ baseline, in round order.</summary>
    public IReadOnlyList<double> Ratios => ratios;

    /// <summary>The median per-round ratio: the variant's latency as a fraction of the teacher's.</summary>
    public double Ratio { get; }

    /// <summary>The median ratio's distribution-free interval (<see cref="MedianInterval"/>).</summary>
    public Interval RatioInterval { get; }

    /// <summary>The latency saved, 1 − ratio: τ for a single dropped block, the budget's measure for a set.</summary>
    public double Reduction => 1 - Ratio;

    public Interval ReductionInterval => new(1 - RatioInterval.High, 1 - RatioInterval.Low);

    /// <summary>The teacher's median in these rounds: the scale on which ratios are shown as milliseconds.</summary>
    public double BaselineMedianMs => SampleStatistics.Median(BaselineMs);

    /// <summary>These rounds followed by <paramref name="more"/>'s.</summary>
    public PairedLatency Append(PairedLatency more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return new PairedLatency([.. BaselineMs, .. more.BaselineMs], [.. VariantMs, .. more.VariantMs]);
    }

    public bool SameRounds(PairedLatency other) =>
        other is not null && BaselineMs.SequenceEqual(other.BaselineMs) && VariantMs.SequenceEqual(other.VariantMs);
}
