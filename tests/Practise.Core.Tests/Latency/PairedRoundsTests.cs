using Practise.Core.Latency;

namespace Practise.Core.Tests.Latency;

/// <summary>Adaptive paired rounds on a simulated machine (<see cref="SyntheticMachine"/>): quiet, drifting, bursty, with outliers.</summary>
public class PairedRoundsTests
{
    private static readonly RoundPlan Plan = new(MinimumRounds: 15, MoreRounds: 8, MaxTime: TimeSpan.FromSeconds(60), Seed: 1);

    private static SessionResult Run(SyntheticMachine machine, int variants, Func<IReadOnlyList<PairedLatency>, bool> settled, RoundPlan? plan = null) =>
        PairedRounds.Run(variants, machine.Time, plan ?? Plan, settled, () => machine.Elapsed);

    [Fact]
    public void EveryRoundIsAPermutationAndTheOrderIsSeeded()
    {
        var random = new Random(11);
        var orders = Enumerable.Range(0, 20).Select(_ => PairedRounds.RoundOrder(6, random)).ToList();
        var again = new Random(11);

        Assert.All(orders, order => Assert.Equal(Enumerable.Range(0, 6), order.Order()));
        Assert.True(orders.Select(order => string.Join(",", order)).Distinct().Count() > 10, "rounds are reshuffled");
        Assert.All(orders, order => Assert.Equal(order, PairedRounds.RoundOrder(6, again)));
    }

    [Fact]
    public void AQuietMachineSettlesOnTheMinimumRounds()
    {
        var machine = new SyntheticMachine([60, 54], SyntheticMachine.Quiet, seed: 2);

        var result = Run(machine, 1, figures => LatencyDecision.SavingSettled(figures[0]));

        Assert.Equal(15, result.Summary.Rounds);
        Assert.Equal(0, result.Summary.SetAsideRounds);
        Assert.True(result.Summary.Settled);
        Assert.False(result.Summary.Disturbed);
        Assert.InRange(result.Variants[0].Reduction, 0.08, 0.12);
        Assert.True(result.Variants[0].ReductionInterval.Contains(0.1));
    }

    [Fact]
    public void AnOpenDecisionMeasuresMoreRoundsUntilTheTimeIsUp()
    {
        var machine = new SyntheticMachine([60, 60], SyntheticMachine.Quiet, seed: 3);

        var result = Run(machine, 1, _ => false, Plan with { MaxTime = TimeSpan.FromSeconds(10) });

        Assert.False(result.Summary.Settled);
        Assert.InRange(machine.ClockMs, 10_000, 10_000 + (2 * 8 * 60 * 1.03));
        Assert.True(result.Summary.Rounds > 15);
    }

    [Fact]
    public void BatchesSlowedByDriftAreSetAsideAndThePairedRatioStaysTrue()
    {
        // Load rises 1× → 3× over the first 30 s: later batches are far slower than the first.
        var machine = new SyntheticMachine([60, 45], SyntheticMachine.Drift(3, 30), seed: 4);

        var result = Run(machine, 1, _ => false, Plan with { MaxTime = TimeSpan.FromSeconds(40) });

        Assert.True(result.Summary.SetAsideRounds > 0, "drifted batches are set aside");
        Assert.InRange(result.Variants[0].Ratio, 0.74, 0.76);
    }

    [Fact]
    public void UnderBurstsAndOutliersTheIntervalsCoverTheTruth()
    {
        var (cases, covered) = (0, 0);
        for (var seed = 0; seed < 10; seed++)
        {
            // A neighbour 2.3× the load in 1–4 s bursts, and 3% of forwards 5× slow on top.
            var machine = new SyntheticMachine(SyntheticMachine.Prefixes(62.3, 3, 0.053), SyntheticMachine.Bursts(2.3, seed), seed, outlierRate: 0.03);

            var result = Run(machine, 3, _ => false, Plan with { MaxTime = TimeSpan.FromSeconds(30) });

            for (var k = 1; k <= 3; k++)
            {
                var figures = result.Variants[k - 1];
                // Unpaired, a burst on one side reads as ±130%; paired, the estimate stays within 3 points of the truth.
                Assert.InRange(figures.Reduction, (k * 0.053) - 0.03, (k * 0.053) + 0.03);
                cases++;
                if (figures.ReductionInterval.Contains(k * 0.053)) covered++;
            }
        }
        Assert.True(covered >= 0.8 * cases, $"the 90% intervals covered the true saving in {covered} of {cases} cases");
    }

    [Fact]
    public void TooFewQuietRoundsBeforeTheTimeIsUpUsesAllRoundsAndSaysSo()
    {
        // Every forward slowed by a random 1–3×: few rounds have both models near their quiet time.
        var load = new Random(6);
        var machine = new SyntheticMachine([50, 40], _ => 1 + (2 * load.NextDouble()), seed: 6);

        var result = Run(machine, 1, _ => true, Plan with { MaxTime = TimeSpan.FromSeconds(5) });

        Assert.True(result.Summary.Disturbed);
        Assert.Equal(0, result.Summary.SetAsideRounds);
        Assert.True(result.Summary.Rounds >= 15);
    }
}
