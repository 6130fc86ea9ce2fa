namespace Practise.Core.Latency;

/// <summary>One variant of the teacher: the blocks dropped (original names, as requested), its latency and its saving.</summary>
public sealed record VariantLatency(IReadOnlyList<string> Dropped, LatencyMeasurement Measurement, LatencySaving Saving);

/// <summary>
/// Latency of the teacher (the baseline) and of variants of it, measured in the same interleaved rounds or read from
/// a pinned profile.
/// </summary>
/// <param name="Fingerprint">The machine the figures come from (the profile's when read from one).</param>
/// <param name="Source">"measured", or "profile" when every figure was read from a pinned profile.</param>
public sealed record LatencyReport(DeviceFingerprint Fingerprint, string Source, LatencyMeasurement Baseline, IReadOnlyList<VariantLatency> Variants)
{
    public const string Measured = "measured";
    public const string FromProfile = "profile";

    /// <summary>The variant with exactly these blocks dropped (order ignored).</summary>
    public VariantLatency For(IEnumerable<string> dropped)
    {
        var key = LatencyProfile.Key(dropped);
        return Variants.FirstOrDefault(variant => LatencyProfile.Key(variant.Dropped) == key)
            ?? throw new KeyNotFoundException($"no latency for dropped blocks {{{key}}}; measured: {string.Join("; ", Variants.Select(variant => LatencyProfile.Key(variant.Dropped)))}");
    }
}
