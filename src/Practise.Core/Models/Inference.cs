using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>Top-k accuracy over a labelled set: the fraction of samples whose label ranks within the first k logits.</summary>
public sealed record Accuracy(double Top1, double Top5, long Count);

/// <summary>Evaluation-mode forwards over a set held as one tensor, in batches, without gradients.</summary>
public static class Inference
{
    /// <summary>
    /// The logits for every sample of <paramref name="inputs"/> (N×C×H×W), computed batch by batch in eval mode
    /// under no_grad on the model's device; the model's train/eval mode is restored afterwards. The caller owns the
    /// result, which is on the model's device.
    /// </summary>
    public static Tensor Predict(nn.Module<Tensor, Tensor> model, Tensor inputs, int batchSize = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var device = model.DeviceOf();
            var count = inputs.size(0);
            var outputs = new List<Tensor>();
            for (long start = 0; start < count; start += batchSize)
            {
                using var batch = inputs.narrow(0, start, Math.Min(batchSize, count - start)).to(device, disposeAfter: true);
                outputs.Add(model.call(batch));
            }
            return cat(outputs, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Top-1 and top-5 accuracy against integer class labels (N); top-5 is top-k for fewer than 5 classes.</summary>
    public static Accuracy Evaluate(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor labels, int batchSize = 64)
    {
        using var logits = Predict(model, inputs, batchSize);
        return TopK(logits, labels);
    }

    /// <summary>Accuracy of given logits (N×classes). A label ranks r when r logits are strictly greater than its own.</summary>
    public static Accuracy TopK(Tensor logits, Tensor labels)
    {
        using var asFloat = logits.to(float32, CPU);
        using var asLong = labels.to(int64, CPU);
        var values = asFloat.data<float>().ToArray();
        var targets = asLong.data<long>().ToArray();
        var classes = logits.size(1);
        if (targets.Length != logits.size(0))
            throw new ArgumentException($"{targets.Length} labels for {logits.size(0)} samples", nameof(labels));
        long top1 = 0, top5 = 0;
        for (var row = 0; row < targets.Length; row++)
        {
            var scores = values.AsSpan((int)(row * classes), (int)classes);
            var target = targets[row];
            if (target < 0 || target >= classes) throw new ArgumentException($"label {target} of sample {row} is outside 0..{classes - 1}", nameof(labels));
            var rank = 0;
            foreach (var score in scores) if (score > scores[(int)target]) rank++;
            if (rank == 0) top1++;
            if (rank < 5) top5++;
        }
        var count = Math.Max(targets.Length, 1);
        return new Accuracy((double)top1 / count, (double)top5 / count, targets.Length);
    }
}
