using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Tests.Selection;

public class SelectionTests
{
    private static readonly BlockScore[] Scores =
    [
        new("layer1.1", Tau: 0.05, Measurable: true, Criterion: 0.50),  // score 10
        new("layer1.2", Tau: 0.05, Measurable: true, Criterion: 0.10),  // score 2
        new("layer2.1", Tau: 0.10, Measurable: true, Criterion: 0.40),  // score 4
        new("layer2.2", Tau: 0.001, Measurable: false, Criterion: 0.0001), // tiny R, but its saving is noise
        new("layer3.1", Tau: -0.01, Measurable: false, Criterion: 0.02), // noise made τ negative
    ];

    [Fact]
    public void PractiseRanksByScoreAndNeverPutsUnmeasurableSavingsFirst()
    {
        var order = Ranking.Order(Scores, Criterion.Practise).Select(score => score.Block);
        Assert.Equal(["layer1.2", "layer2.1", "layer1.1", "layer2.2", "layer3.1"], order);
    }

    [Fact]
    public void FirstKeepsForwardOrderAndRandomIsASeededPermutation()
    {
        Assert.Equal(Scores.Select(score => score.Block), Ranking.Order(Scores, Criterion.First).Select(score => score.Block));
        var random = Ranking.Order(Scores, Criterion.Random, seed: 3).Select(score => score.Block).ToList();
        Assert.Equal(random, Ranking.Order(Scores, Criterion.Random, seed: 3).Select(score => score.Block));
        Assert.Equal(Scores.Select(score => score.Block).Order(), random.Order());
    }

    [Fact]
    public void BlockBudgetTakesTheTopK()
    {
        var ranked = Ranking.Order(Scores, Criterion.Practise);
        var result = BudgetSelection.Select(ranked, new BudgetSettings(null, null, 2, null), 10.0, sets => sets.Select(set => 10.0 - set.Count).ToList());
        Assert.Equal(["layer1.2", "layer2.1"], result.Dropped);
        Assert.Equal(8.0, result.LatencyMs);
    }

    [Fact]
    public void LatencyBudgetTakesTheShortestPrefixThatMeetsIt()
    {
        var ranked = Ranking.Order(Scores, Criterion.Practise);
        // Each dropped block saves 1 ms of 10: a 25% reduction needs 3 blocks.
        var result = BudgetSelection.Select(ranked, new BudgetSettings(0.25, null, null, null), 10.0, sets => sets.Select(set => 10.0 - set.Count).ToList());
        Assert.Equal(3, result.Dropped.Count);
        Assert.Equal(7.0, result.LatencyMs);
    }

    [Fact]
    public void UnreachableBudgetFailsWithTheBestReachableLatency()
    {
        var ranked = Ranking.Order(Scores, Criterion.Practise);
        var error = Assert.Throws<BudgetUnreachableException>(() =>
            BudgetSelection.Select(ranked, new BudgetSettings(null, 2.0, null, null), 10.0, sets => sets.Select(set => 10.0 - set.Count).ToList()));
        Assert.Contains("5.00 ms at best", error.Message);
        Assert.Contains("50.0% reduction", error.Message);
    }
}
