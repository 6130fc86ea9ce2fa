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
    public void ABlockBudgetNeedsOnlyItsPrefixAndALatencyBudgetEveryOne()
    {
        Assert.Equal([2], BudgetSelection.PrefixSizes(new BudgetSettings(null, null, 2, null), 5));
        Assert.Equal([1, 2, 3, 4, 5], BudgetSelection.PrefixSizes(new BudgetSettings(0.25, null, null, null), 5));
        var error = Assert.Throws<BudgetUnreachableException>(() => BudgetSelection.PrefixSizes(new BudgetSettings(null, null, 6, null), 5));
        Assert.Contains("budget.blocks is 6 but the model has only 5 droppable blocks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePredictionAddsSingleSavingsAndFitsHowFarTheyInteract()
    {
        // Measured prefixes save 90% of the summed single savings: blocks interact a little.
        var prediction = LatencyPrediction.From([0.1, 0.1, 0.05], [(1, 0.09), (2, 0.18), (3, 0.225)]);

        Assert.Equal([0.1, 0.2, 0.25], prediction.Additive.Select(value => Math.Round(value, 12)));
        Assert.Equal(0.9, prediction.Interaction, 9);
        Assert.Equal(0.18, prediction.Reduction(2), 9);
        Assert.Equal(2, prediction.BlocksFor(0.2));
        Assert.Null(prediction.BlocksFor(0.3));
    }
}
