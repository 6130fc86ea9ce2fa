using Practise.Core.Data;
using Practise.Core.Models;
using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Benchmarks.Quality;

/// <summary>Top-1 and mean cross-entropy on the test set: the loss separates single drops whose top-1 differ by tenths.</summary>
public sealed record TestScore(double Top1, double CrossEntropy, long Images);

public static class TestSetLoss
{
    public static TestScore Evaluate(PrunableModel model, EvalSet set, EvalTransform transform, int batchSize = 64)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            double lossSum = 0;
            long correct = 0;
            for (var start = 0; start < set.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, set.Count - start);
                var logits = model.call(set.Batch(start, count, transform));
                var labels = tensor(set.Labels.Skip(start).Take(count).ToArray());
                lossSum += F.cross_entropy(logits, labels, nn.Reduction.Sum).item<double>();
                correct += logits.argmax(1).eq(labels).sum().item<long>();
            }
            return new TestScore((double)correct / set.Count, lossSum / set.Count, set.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
