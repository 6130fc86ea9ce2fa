namespace Practise.Core.Latency;

/// <summary>One variant of the teacher: the blocks dropped (original names, as requested) and its paired figures.</summary>
public sealed record VariantLatency(IReadOnlyList<string> Dropped, PairedLatency Figures);

/// <summary>
/// Variants of the teacher, each timed against it in the same interleaved rounds, or read from a profile.
/// </summary>
/// <param name="Fingerprint">The machine the figures come from (the profile's when read from one).</param>
/// <param name="Source">"measured" when this run timed them, "profile" when every figure was read from a profile.</param>
/// <param name="Session">What the measuring session did; null when the figures were read.</param>
public sealed record LatencyReport(DeviceFingerprint Fingerprint, string Source, IReadOnlyList<VariantLatency> Variants, SessionSummary? Session)
{
    public const string Measured = "measured";
    public const string FromProfile = "profile";

    /// <summary>
    /// The teacher's median over every round here: the scale on which ratios are shown as milliseconds. Decisions never
    /// use it, only the ratios; a latency-ms budget is turned into a ratio with it.
    /// </summary>
    public double BaselineMs => SampleStatistics.Median(Variants.SelectMany(variant => variant.Figures.BaselineMs).ToArray());

    /// <summary>The variant with exactly these blocks dropped (order ignored).</summary>
    public VariantLatency For(IEnumerable<string> dropped)
    {
        var key = LatencyProfile.Key(dropped);
        return Variants.FirstOrDefault(variant => LatencyProfile.Key(variant.Dropped) == key)
            ?? throw new KeyNotFoundException($"no latency for dropped blocks {{{key}}}; measured: {string.Join("; ", Variants.Select(variant => LatencyProfile.Key(variant.Dropped)))}");
    }

    public IReadOnlyList<PairedLatency> Figures => Variants.Select(variant => variant.Figures).ToList();
}

/// <summary>
/// What a latency request is for: when its figures settle it, and whether figures that do not settle it are still
/// worth keeping (a τ too small to tell from zero is a result; a budget that cannot be decided is not).
/// </summary>
public sealed record LatencyDecision(Func<IReadOnlyList<PairedLatency>, bool> Settled, bool KeepUnsettled)
{
    /// <summary>A saving below this (0.5%) is not worth more rounds to tell from zero.</summary>
    public const double NegligibleSaving = 0.005;

    /// <summary>Single-block savings τ: settled when each is surely above zero or surely negligible.</summary>
    public static LatencyDecision Savings { get; } = new(figures => figures.All(SavingSettled), KeepUnsettled: true);

    /// <summary>Figures for the report's curve alone: the minimum quiet rounds are enough.</summary>
    public static LatencyDecision Curve { get; } = new(_ => true, KeepUnsettled: true);

    public static bool SavingSettled(PairedLatency figures) =>
        figures.ReductionInterval.Low > 0 || figures.ReductionInterval.High < NegligibleSaving;
}
