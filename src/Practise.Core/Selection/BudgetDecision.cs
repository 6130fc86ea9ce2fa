using Practise.Core.Latency;
using Practise.Manifest;

namespace Practise.Core.Selection;

/// <summary>Where a prefix of the ranking stands against the budget, given its reduction's interval.</summary>
public enum PrefixVerdict
{
    /// <summary>The whole interval meets the budget: met with confidence.</summary>
    Meets,

    /// <summary>The whole interval falls short.</summary>
    Misses,

    /// <summary>The interval straddles the budget: more rounds could go either way.</summary>
    Open,
}

/// <summary>
/// Step 3 under a latency budget, on paired figures: the chosen prefix is the shortest that meets the budget with
/// confidence. The decision is settled when every shorter prefix is decided (so none of them could still turn out to
/// meet it), or, when none meets it, when every prefix surely misses (the budget is unreachable).
/// </summary>
/// <param name="RequiredReduction">The reduction the budget asks for, as a fraction of the teacher's latency.</param>
/// <param name="Verdicts">One per prefix, shortest first.</param>
/// <param name="ChosenIndex">The index of the chosen prefix (its size − 1, since a latency budget lists every size); null when none meets the budget with confidence.</param>
public sealed record BudgetDecision(double RequiredReduction, IReadOnlyList<PrefixVerdict> Verdicts, int? ChosenIndex)
{
    public bool Settled => ChosenIndex is { } chosen
        ? Verdicts.Take(chosen).All(verdict => verdict != PrefixVerdict.Open)
        : Verdicts.All(verdict => verdict == PrefixVerdict.Misses);

    public bool Unreachable => ChosenIndex is null && Settled;

    /// <summary>The reduction a budget asks for: its fraction, or for latency-ms the fraction that takes the teacher's <paramref name="baselineMs"/> to it.</summary>
    public static double Required(BudgetSettings budget, double baselineMs) => budget.Kind switch
    {
        BudgetKind.LatencyReduction => budget.LatencyReduction!.Value,
        BudgetKind.LatencyMs => 1 - (budget.LatencyMs!.Value / baselineMs),
        _ => throw new ArgumentException("a block-count budget has no latency to decide", nameof(budget)),
    };

    /// <param name="prefixes">The figures of prefixes of the ranking, shortest first.</param>
    public static BudgetDecision Decide(IReadOnlyList<PairedLatency> prefixes, double requiredReduction)
    {
        ArgumentNullException.ThrowIfNull(prefixes);
        var verdicts = prefixes.Select(figures => Verdict(figures.ReductionInterval, requiredReduction)).ToList();
        var chosen = verdicts.IndexOf(PrefixVerdict.Meets);
        return new BudgetDecision(requiredReduction, verdicts, chosen < 0 ? null : chosen);
    }

    public static PrefixVerdict Verdict(Interval reduction, double required) =>
        reduction.Low >= required ? PrefixVerdict.Meets : reduction.High < required ? PrefixVerdict.Misses : PrefixVerdict.Open;
}
