using System.Globalization;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>The one line that says what the latency came to and whether the budget was met with confidence (CLI, progress).</summary>
public static class LatencySummary
{
    public static string Line(ReportLatency latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        var text = string.Create(CultureInfo.InvariantCulture, $"latency {latency.BeforeMs:F2} -> {latency.AfterMs:F2} ms, {latency.Reduction * 100:F1}% less");
        if (latency.ReductionLow is { } low && latency.ReductionHigh is { } high)
            text += string.Create(CultureInfo.InvariantCulture, $" (90% interval {low * 100:F1}-{high * 100:F1}%)");
        text += latency.RequiredReduction is { } required
            ? string.Create(CultureInfo.InvariantCulture, $"; budget {required * 100:F1}% {(latency.BudgetMet == true ? "met with confidence" : "NOT met with confidence")}")
            : "; block-count budget";
        if (latency.PredictedBlocks is { } predicted) text += $", single-block savings predict {predicted} blocks";
        if (latency.Remeasured) text += ", confirmed by a second session";
        if (latency.Rounds is { } rounds)
            text += string.Create(CultureInfo.InvariantCulture, $"; {rounds} rounds, {latency.SetAsideRounds ?? 0} set aside as disturbed");
        else if (latency.FromProfile) text += "; from the pinned profile";
        else text += "; from the cache";
        if (latency.Disturbed) text += "; WARNING: too few quiet rounds, the figures include disturbed ones";
        return text;
    }
}
