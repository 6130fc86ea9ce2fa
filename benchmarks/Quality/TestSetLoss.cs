using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Benchmarks.Quality;

/// <summary>Top-1 and mean cross-entropy on the test set: the loss separates single drops whose top-1 differ by tenths.</summary>
public sealed record TestScore(double Top1, double CrossEntropy, long Images);

public static class TestSetLoss
{
    /// <summary>From the logits the engine's own evaluation computes (same batches, eval mode, no_grad).</summary>
    public static TestScore Evaluate(PrunableModel model, EvalSet set, EvalTransform transform)
    {
        using var scope = NewDisposeScope();
        var logits = BatchedEvaluation.Logits(model, set, transform, SilentProgress.Instance);
        var labels = tensor(set.Labels.ToArray());
        var crossEntropy = F.cross_entropy(logits, labels, reduction: nn.Reduction.Sum).ToDouble() / set.Count;
        return new TestScore(Inference.TopK(logits, labels).Top1, crossEntropy, set.Count);
    }
}
