using System.Globalization;
using Practise.Core.Channels;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>One ratio the latency of channel pruning was measured at, with its paired figures against the teacher.</summary>
public sealed record RatioLatency(double Ratio, PairedLatency Figures);

/// <summary>
/// The channels chosen: the ratio, whether the latency budget chose it (or channels.ratio fixed it), which channels
/// go in each hidden layer, the latency selection of the thinned network, and every ratio measured for it.
/// </summary>
public sealed record ChannelSelection(double Ratio, bool RatioFromBudget, IReadOnlyList<LayerPruning> Pruning, Selection Latency, IReadOnlyList<RatioLatency> Curve);

/// <summary>
/// How much width goes (docs/channel-pruning.md): without channels.ratio, the smallest ratio on a 5% grid whose thinned
/// network meets the latency budget with confidence, decided on paired, interleaved figures against the teacher as
/// block selection decides prefixes (<see cref="BudgetDecision"/>: the ratios play the prefixes); with channels.ratio,
/// that ratio, and the budget is checked against its measured latency. Thinned variants are keyed by their widths
/// (<see cref="LatencyVariants"/>), so a rebuild reads the same figures and decides the same ratio.
/// </summary>
public static class SelectChannels
{
    /// <summary>The ratios a budget chooses from: 5% … 95%. Any ratio below 1 leaves every layer at least one channel.</summary>
    public static IReadOnlyList<double> Grid { get; } = Enumerable.Range(1, 19).Select(step => step / 20.0).ToList();

    /// <param name="gains">Each channel's <see cref="ReaderGain"/> for channels.ranking global; null ranks per layer.</param>
    /// <param name="dropped">Blocks already dropped (blocks+channels), part of every variant measured.</param>
    public static ChannelSelection Run(IReadOnlyList<LayerStatistics> statistics, IReadOnlyDictionary<string, IReadOnlyList<double>>? gains, IReadOnlyList<string> dropped, ChannelSettings channels,
        BudgetSettings budget, LatencyEstimator latency, PrunableModel latencyTeacher, MeasurementSettings settings)
    {
        var ranker = new Ranker(statistics, gains);
        try
        {
            return channels.Ratio is { } ratio
                ? Fixed(ranker, dropped, ratio, budget, latency, latencyTeacher, settings)
                : Search(ranker, dropped, budget, latency, latencyTeacher, settings);
        }
        catch (LatencyTooNoisyException e)
        {
            throw SelectBlocks.TooNoisy(e, latency, settings);
        }
    }

    private sealed record Candidate(double Ratio, IReadOnlyList<LayerPruning> Pruning, IReadOnlyList<string> Key);

    /// <summary>The channels a ratio removes, by the manifest's ranking.</summary>
    private sealed record Ranker(IReadOnlyList<LayerStatistics> Statistics, IReadOnlyDictionary<string, IReadOnlyList<double>>? Gains)
    {
        public IReadOnlyList<LayerPruning> Select(double ratio) =>
            Gains is null ? VarianceRanking.Select(Statistics, ratio) : VarianceRanking.SelectGlobal(Statistics, Gains, ratio);

        /// <summary>Why a ratio removes nothing, for the error.</summary>
        public string TooSmall() => Gains is null
            ? $"⌊ratio · width⌋ is 0 in every hidden layer (the widest has {Statistics.Max(layer => layer.Variance.Count)})"
            : string.Create(CultureInfo.InvariantCulture, $"⌊ratio · {Statistics.Sum(layer => layer.Variance.Count)}⌋, the hidden channels in all, is 0");
    }

    private static Candidate At(Ranker ranker, IReadOnlyList<string> dropped, double ratio)
    {
        var pruning = ranker.Select(ratio);
        return new Candidate(ratio, pruning, [.. dropped, .. LatencyVariants.Widths(pruning)]);
    }

    private static ChannelSelection Search(Ranker ranker, IReadOnlyList<string> dropped, BudgetSettings budget,
        LatencyEstimator latency, PrunableModel latencyTeacher, MeasurementSettings settings)
    {
        // Ratios that remove no channel, or leave exactly the widths a smaller ratio leaves, add nothing to decide on.
        var candidates = new List<Candidate>();
        foreach (var candidate in Grid.Select(ratio => At(ranker, dropped, ratio)))
        {
            var key = LatencyProfile.Key(candidate.Key);
            if (candidate.Key.Count > dropped.Count && candidates.All(earlier => LatencyProfile.Key(earlier.Key) != key)) candidates.Add(candidate);
        }
        if (candidates.Count == 0)
            throw new PractiseException(PipelineErrors.BudgetUnreachable, "no hidden layer is wide enough to lose a channel at any ratio up to 95%; use method: blocks");

        var report = latency.Measure(latencyTeacher, candidates.Select(candidate => candidate.Key).ToList(), settings, BudgetSearch.DecisionFor(budget), keep: false);
        var decision = BudgetSearch.Decide(budget, report.Figures);
        if (decision.Unreachable)
        {
            var best = report.Figures.MaxBy(figures => figures.Reduction)!;
            throw new PractiseException(PipelineErrors.BudgetUnreachable, string.Create(CultureInfo.InvariantCulture,
                $"the latency budget ({decision.RequiredReduction * 100:F1}% reduction) cannot be met: {Removing(dropped)}removing up to {candidates[^1].Ratio * 100:G4}% of the hidden channels " +
                $"(each layer keeps at least one) reaches {best.Reduction * 100:F1}% at best ({report.BaselineMs * best.Ratio:F2} ms from {report.BaselineMs:F2} ms); " +
                $"relax {BudgetKey(budget)}{(dropped.Count == 0 ? ", or use method: blocks+channels" : "")}"));
        }
        if (decision.ChosenIndex is not { } index)
            throw new LatencyTooNoisyException(string.Create(CultureInfo.InvariantCulture,
                $"latency is too noisy to decide which channel ratio meets the budget ({decision.RequiredReduction * 100:F1}% reduction)"));
        latency.Keep(latencyTeacher, report);
        var chosen = candidates[index];
        return Selected(chosen, dropped, budget, report, decision, fromBudget: true, candidates);
    }

    private static ChannelSelection Fixed(Ranker ranker, IReadOnlyList<string> dropped, double ratio, BudgetSettings budget,
        LatencyEstimator latency, PrunableModel latencyTeacher, MeasurementSettings settings)
    {
        var chosen = At(ranker, dropped, ratio);
        if (chosen.Key.Count == dropped.Count)
            throw new PractiseException(PipelineErrors.ChannelRatio, string.Create(CultureInfo.InvariantCulture,
                $"channels.ratio {ratio:G4} removes no channel: {ranker.TooSmall()}; raise channels.ratio"));
        if (budget.Kind == BudgetKind.Blocks)
        {
            var curve = latency.Measure(latencyTeacher, [chosen.Key], settings, LatencyDecision.Curve);
            return Selected(chosen, dropped, budget, curve, null, fromBudget: false, [chosen]);
        }
        var report = latency.Measure(latencyTeacher, [chosen.Key], settings, BudgetSearch.DecisionFor(budget), keep: false);
        var decision = BudgetSearch.Decide(budget, report.Figures);
        if (decision.Unreachable)
        {
            var figures = report.Figures[0];
            throw new PractiseException(PipelineErrors.ChannelRatio, string.Create(CultureInfo.InvariantCulture,
                $"channels.ratio {ratio:G4} misses the latency budget: {Removing(dropped)}removing that fraction of the hidden channels saves {figures.Reduction * 100:F1}% " +
                $"(90% interval {figures.ReductionInterval.Low * 100:F1}–{figures.ReductionInterval.High * 100:F1}%), but {BudgetKey(budget)} asks for {decision.RequiredReduction * 100:F1}%; " +
                $"raise channels.ratio, or remove it to let the budget choose the ratio"));
        }
        if (decision.ChosenIndex is null)
            throw new LatencyTooNoisyException(string.Create(CultureInfo.InvariantCulture,
                $"latency is too noisy to tell whether channels.ratio {ratio:G4} meets the budget ({decision.RequiredReduction * 100:F1}% reduction)"));
        latency.Keep(latencyTeacher, report);
        return Selected(chosen, dropped, budget, report, decision, fromBudget: false, [chosen]);
    }

    private static ChannelSelection Selected(Candidate chosen, IReadOnlyList<string> dropped, BudgetSettings budget, LatencyReport report,
        BudgetDecision? decision, bool fromBudget, IReadOnlyList<Candidate> measured)
    {
        var choice = decision is null ? null : new BudgetChoice(dropped.Count, report, decision, LatencyPrediction.From([], []), null, Remeasured: false);
        var selection = new Selection(dropped, report, BudgetSelection.TargetMs(budget, report.BaselineMs), choice) { Variant = chosen.Key };
        var curve = measured.Select(candidate => new RatioLatency(candidate.Ratio, report.For(candidate.Key).Figures)).ToList();
        return new ChannelSelection(chosen.Ratio, fromBudget, chosen.Pruning, selection, curve);
    }

    private static string Removing(IReadOnlyList<string> dropped) => dropped.Count == 0 ? "" : $"with {dropped.Count} blocks dropped, ";

    private static string BudgetKey(BudgetSettings budget) => budget.Kind == BudgetKind.LatencyMs ? "budget.latency-ms" : "budget.latency-reduction";
}
