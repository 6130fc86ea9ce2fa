using Practise.Core.Adaptors;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Training;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Engine;

[Collection(SeededFixtureCollection.Name)]
public class RecoverabilityTests
{
    private static readonly OptimizationSettings Quick = new(Iterations: 30, Lr: 0.02, Momentum: 0.9, WeightDecay: 1e-4, BatchSize: 8);

    [Fact]
    public void AdaptorTrainingReducesTheFeatureError()
    {
        using var fixture = new EngineFixture();
        using var student = BlockSurgery.Prune(fixture.Teacher, ["layer2.1"]);
        using var adaptors = AdaptorSet.Attach(student, AdaptorPlacement.For(student, ["layer2.1"]));
        var before = FeatureMimic.Distance(fixture.Teacher, student, fixture.Batches.EvalBatches(8));
        var losses = AdaptorTraining.Train(fixture.Teacher, student, adaptors, fixture.Batches, Quick);
        var after = FeatureMimic.Distance(fixture.Teacher, student, fixture.Batches.EvalBatches(8));
        Assert.True(after < 0.9 * before, $"R went from {before} to {after}");
        Assert.True(losses.Skip(25).Average() < losses.Take(5).Average(), "training loss did not fall");
    }

    [Fact]
    public void ABlockWhoseResidualBranchIsZeroIsTheMostRecoverable()
    {
        using var fixture = new EngineFixture();
        // With bn2's scale and shift at zero the block adds nothing: out = relu(0 + x) = x for the non-negative x it sees.
        var bn2 = fixture.Teacher.state_dict();
        using (no_grad())
        {
            bn2["layer3.2.bn2.weight"].mul_(0);
            bn2["layer3.2.bn2.bias"].mul_(0);
        }
        var scorer = new RecoverabilityScorer(fixture.Teacher, fixture.Batches, Quick with { Iterations = 5 }, SilentProgress.Instance);
        var blocks = fixture.Teacher.DroppableBlocks();
        var scores = blocks.ToDictionary(block => block, block => scorer.Score(block));
        Assert.Equal("layer3.2", scores.MinBy(pair => pair.Value).Key);
        Assert.True(scores["layer3.2"] < 1e-8, $"R of the harmless block is {scores["layer3.2"]}"); // float32 rounding, not zero
    }

    // The longest in-process test (the reference loop over every block, twice): outside the fast suite, inside CI's.
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(1)]
    [InlineData(2)]
    public void SharedPrefixScoringGivesTheSameRAsTheReferenceLoop(int parallelBlocks)
    {
        using var fixture = new EngineFixture();
        var blocks = fixture.Teacher.DroppableBlocks();
        var full = new RecoverabilityScorer(fixture.Teacher, fixture.Batches, Quick with { Iterations = 8 }, SilentProgress.Instance);
        var expected = blocks.ToDictionary(block => block, block => full.Score(block));
        // A cap that fits two candidates at a time also exercises the grouped fallback.
        var perCandidate = fixture.Teacher.parameters().Sum(parameter => parameter.numel() * 4L) * 3;
        var sharedPrefix = new SharedPrefixScorer(fixture.Teacher, fixture.Batches, Quick with { Iterations = 8 }, SilentProgress.Instance, 2 * perCandidate, parallelBlocks);
        var actual = sharedPrefix.ScoreAll(blocks).ToDictionary(score => score.Block, score => score.R);
        foreach (var block in blocks)
            Assert.True(Math.Abs(actual[block] - expected[block]) <= 1e-4 * expected[block], $"{block}: shared-prefix {actual[block]} vs full {expected[block]}");
        Assert.Equal(blocks.OrderBy(block => expected[block]), blocks.OrderBy(block => actual[block]));
    }
}
