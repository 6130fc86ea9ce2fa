using Practise.Core.Latency;
using Practise.Core.Selection;
using Practise.Core.Tests.Latency;
using Practise.Manifest;

namespace Practise.Core.Tests.Selection;

/// <summary>Step 3 under a latency budget on simulated machines: the choice meets the budget with confidence, or the run says it can't decide.</summary>
public class BudgetSearchTests
{
    private static readonly BudgetSettings FortyPercent = new(0.40, null, null, null);
    private static readonly DeviceFingerprint Machine = new("Simulated CPU", 2, 2, "2.10.0", "cpu");
    private static readonly RoundPlan Plan = new(MinimumRounds: 15, MoreRounds: 8, MaxTime: TimeSpan.FromSeconds(60), Seed: 0);

    /// <summary>A report whose figures are measured by adaptive paired rounds on <paramref name="machine"/>.</summary>
    private static LatencyReport Measure(SyntheticMachine machine, int prefixes, BudgetSettings budget, RoundPlan? plan = null)
    {
        var result = PairedRounds.Run(prefixes, machine.Time, plan ?? Plan, BudgetSearch.DecisionFor(budget).Settled, () => machine.Elapsed);
        var variants = result.Variants.Select((figures, i) => new VariantLatency(Enumerable.Range(0, i + 1).Select(b => $"block{b}").ToList(), figures)).ToList();
        return new LatencyReport(Machine, LatencyReport.Measured, variants, result.Summary);
    }

    private static PairedLatency Figures(double ratio, int rounds = 15, double spread = 0.01) =>
        new(Enumerable.Repeat(100.0, rounds).ToList(), Enumerable.Range(0, rounds).Select(i => 100 * (ratio + (spread * ((i % 5) - 2) / 2))).ToList());

    private static LatencyReport Report(string source, params double[] ratios) =>
        new(Machine, source, ratios.Select((ratio, i) => new VariantLatency(Enumerable.Range(0, i + 1).Select(b => $"block{b}").ToList(), Figures(ratio))).ToList(),
            source == LatencyReport.Measured ? new SessionSummary(15, 0, false, true, 3) : null);

    [Fact]
    public void TheShortestPrefixThatMeetsTheBudgetWithConfidenceIsChosen()
    {
        var taus = Enumerable.Repeat(0.1, 6).ToList();
        // 4 blocks save 40% ± 0.5 points: not surely; 5 blocks save 50%: surely.
        var choice = BudgetSearch.Choose(FortyPercent, taus, _ => Report(LatencyReport.Measured, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4));

        Assert.Equal(5, choice.Blocks);
        Assert.Equal([PrefixVerdict.Misses, PrefixVerdict.Misses, PrefixVerdict.Misses, PrefixVerdict.Open, PrefixVerdict.Meets, PrefixVerdict.Meets], choice.Decision.Verdicts);
        Assert.False(choice.Decision.Settled);
        Assert.Equal(4, choice.PredictedBlocks);
        Assert.False(choice.Remeasured);
    }

    [Fact]
    public void AChoiceFarFromThePredictionIsMeasuredAgainAndAnAgreeingSessionWins()
    {
        var taus = Enumerable.Repeat(0.1, 8).ToList();
        var calls = new List<bool>();
        // The first session saw a burst that made 2–6 blocks look no faster; the fresh session sees the truth.
        var choice = BudgetSearch.Choose(FortyPercent, taus, fresh =>
        {
            calls.Add(fresh);
            return fresh
                ? Report(LatencyReport.Measured, 0.9, 0.8, 0.7, 0.55, 0.5, 0.4, 0.3, 0.2)
                : Report(LatencyReport.Measured, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.3, 0.2);
        });

        Assert.Equal([false, true], calls);
        Assert.Equal(4, choice.Blocks);
        Assert.True(choice.Remeasured);
    }

    [Fact]
    public void TwoSessionsThatDisagreeWithEachOtherAndThePredictionFailAsTooNoisy()
    {
        var taus = Enumerable.Repeat(0.1, 8).ToList();

        var error = Assert.Throws<LatencyTooNoisyException>(() => BudgetSearch.Choose(FortyPercent, taus, fresh => fresh
            ? Report(LatencyReport.Measured, 0.95, 0.95, 0.95, 0.95, 0.95, 0.5, 0.3, 0.2)
            : Report(LatencyReport.Measured, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.5, 0.2)));

        Assert.Contains("chose 7 and 6 blocks", error.Message, StringComparison.Ordinal);
        Assert.Contains("predict 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiguresReadFromAProfileAreNotMeasuredAgain()
    {
        var taus = Enumerable.Repeat(0.1, 8).ToList();
        var calls = 0;

        var choice = BudgetSearch.Choose(FortyPercent, taus, _ =>
        {
            calls++;
            return Report(LatencyReport.FromProfile, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.5, 0.2);
        });

        Assert.Equal(1, calls);
        Assert.Equal(7, choice.Blocks);
    }

    [Fact]
    public void NoPrefixDecidedIsTooNoisyAndEveryPrefixShortIsUnreachable()
    {
        var taus = Enumerable.Repeat(0.05, 3).ToList();
        var wide = new LatencyReport(Machine, LatencyReport.Measured,
            [new VariantLatency(["a"], Figures(0.9)), new VariantLatency(["a", "b"], Figures(0.6, spread: 0.2)), new VariantLatency(["a", "b", "c"], Figures(0.6, spread: 0.2))],
            new SessionSummary(40, 12, false, false, 60));

        var noisy = Assert.Throws<LatencyTooNoisyException>(() => BudgetSearch.Choose(FortyPercent, taus, _ => wide));
        Assert.Contains("after 52 rounds in 60 s (12 set aside as disturbed)", noisy.Message, StringComparison.Ordinal);
        Assert.Contains("dropping 2 blocks saves 40.0%", noisy.Message, StringComparison.Ordinal);

        var unreachable = Assert.Throws<BudgetUnreachableException>(() => BudgetSearch.Choose(FortyPercent, taus, _ => Report(LatencyReport.Measured, 0.95, 0.9, 0.85)));
        Assert.Contains("reaches 15.0% at best", unreachable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALatencyMsBudgetIsTheReductionThatTakesTheTeacherThere()
    {
        var taus = Enumerable.Repeat(0.1, 4).ToList();
        // Teacher 100 ms; 75 ms needs a 25% reduction: 3 blocks (30%), not 2 (20%).
        var choice = BudgetSearch.Choose(new BudgetSettings(null, 75, null, null), taus, _ => Report(LatencyReport.Measured, 0.9, 0.8, 0.7, 0.6));

        Assert.Equal(0.25, choice.Decision.RequiredReduction, 12);
        Assert.Equal(3, choice.Blocks);
    }

    /// <summary>
    /// The failed demo: a neighbour loaded the CPU part of the time, the curve read 62.3 ms at 0 blocks, 56.3 at 1,
    /// 130.7 at 2 and 112.0 at 3, and the 40% budget dropped all 12 blocks. Here the same machine, 12 blocks each saving
    /// 5.3% of 62.3 ms (8 blocks reach 42.4%, 7 only 37.1%), under 2.1× bursts and outliers: every seed either chooses
    /// 8 or 9 blocks or fails as too noisy, and most decide.
    /// </summary>
    [Fact]
    public void TheFailedDemosBurstsNeverSelectBeyondTheBudget()
    {
        var taus = Enumerable.Repeat(0.053, 12).ToList();
        var decided = 0;
        for (var seed = 0; seed < 12; seed++)
        {
            var machine = new SyntheticMachine(SyntheticMachine.Prefixes(62.3, 12, 0.053), SyntheticMachine.Bursts(2.1, seed), seed, outlierRate: 0.03);
            try
            {
                var choice = BudgetSearch.Choose(FortyPercent, taus, _ => Measure(machine, 12, FortyPercent));
                Assert.InRange(choice.Blocks, 8, 9);
                decided++;
            }
            catch (LatencyTooNoisyException)
            {
                // The allowed other outcome: the run says it cannot decide instead of overshooting.
            }
        }
        Assert.True(decided >= 9, $"only {decided} of 12 sessions decided");
    }

    [Fact]
    public void TheDemosUnpairedCurveIsNeverReadAsASaving()
    {
        // The figures of the failed demo as paired rounds: prefixes 2 and 3 timed while a burst slowed them and their
        // teacher rounds alike. Read as ratios they save 10.6% and 15.9%, not −110% and −80%.
        var teacher = Enumerable.Repeat(62.3, 15).ToList();
        var burst = teacher.Select(ms => ms * 2.0).ToList();
        var report = new LatencyReport(Machine, LatencyReport.Measured,
        [
            new VariantLatency(["a"], new PairedLatency(teacher, teacher.Select(ms => ms * (56.3 / 62.3)).ToList())),
            new VariantLatency(["a", "b"], new PairedLatency(burst, burst.Select(ms => ms * 0.894).ToList())),
            new VariantLatency(["a", "b", "c"], new PairedLatency(burst, burst.Select(ms => ms * 0.841).ToList())),
        ], new SessionSummary(15, 0, false, true, 10));

        var unreachable = Assert.Throws<BudgetUnreachableException>(() => BudgetSearch.Choose(FortyPercent, [0.0963, 0.053, 0.053], _ => report));

        Assert.Contains("reaches 15.9% at best", unreachable.Message, StringComparison.Ordinal);
    }
}
