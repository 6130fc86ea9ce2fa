using Practise.Core.Models;
using Practise.Core.Pipeline;
using static Practise.Torch.torch;

namespace Practise.Core.Data;

/// <summary>
/// Top-k accuracy over an <see cref="EvalSet"/>, transformed and forwarded batch by batch with progress and cancellation
/// between batches. The batches are those <see cref="Inference.Evaluate"/> would make, so the logits are the same.
/// </summary>
public static class BatchedEvaluation
{
    public const int BatchSize = 64;

    public static Accuracy Run(PrunableModel model, EvalSet set, EvalTransform transform, IProgressSink progress, CancellationToken cancellation)
    {
        if (set.Count == 0)
        {
            throw new DataException($"{set.Source}: the eval set holds no images");
        }
        var logits = new List<Tensor>();
        try
        {
            using (var phase = progress.Begin("eval", set.Count))
            {
                for (var start = 0; start < set.Count; start += BatchSize)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var count = Math.Min(BatchSize, set.Count - start);
                    using var inputs = set.Batch(start, count, transform);
                    logits.Add(Inference.Predict(model, inputs, BatchSize));
                    phase.Advance(count);
                }
            }
            using var all = cat(logits, 0);
            using var labels = tensor(set.Labels.ToArray());
            return Inference.TopK(all, labels);
        }
        finally
        {
            foreach (var batch in logits)
            {
                batch.Dispose();
            }
        }
    }
}
