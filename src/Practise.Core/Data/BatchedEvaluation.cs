using Practise.Core.Models;
using Practise.Core.Progress;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// Top-k accuracy over an <see cref="EvalSet"/>, transformed and forwarded batch by batch with progress and cancellation
/// between batches. The batches are those <see cref="Inference.Evaluate"/> would make, so the logits are the same.
/// </summary>
public static class BatchedEvaluation
{
    public const int BatchSize = 64;

    public static Accuracy Run(nn.Module<Tensor, Tensor> model, EvalSet set, EvalTransform transform, IProgressSink progress, CancellationToken cancellation)
    {
        using var logits = Logits(model, set, transform, progress, cancellation);
        using var labels = tensor(set.Labels.ToArray());
        return Inference.TopK(logits, labels);
    }

    /// <summary>The logits of every image of the set (N×classes), in set order; the caller owns them.</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, EvalSet set, EvalTransform transform, IProgressSink progress, CancellationToken cancellation = default)
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
            return cat(logits, 0);
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
