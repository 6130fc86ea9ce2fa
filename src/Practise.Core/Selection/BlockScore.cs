using Practise.Core.Latency;

namespace Practise.Core.Selection;

/// <summary>
/// One droppable block's figures: τ (relative latency saving when dropped alone), whether that saving stood out of
/// the measurement noise (its interval lies above zero), and the criterion value (R for PRACTISE; feature L2 or logit KL for the baselines).
/// </summary>
public sealed record BlockScore(string Block, double Tau, bool Measurable, double Criterion, bool CacheHit = false)
{
    /// <summary>τ's 90% interval from the paired rounds; null where it was not measured (tests, old shards).</summary>
    public Interval? TauInterval { get; init; }

    /// <summary>s = criterion / τ (smaller is better to drop); infinite when dropping the block saves nothing measurable.</summary>
    public double Score => Measurable && Tau > 0 ? Criterion / Tau : double.PositiveInfinity;
}
