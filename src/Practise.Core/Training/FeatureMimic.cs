using Practise.Core.Models;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Training;

/// <summary>The recovery loss of PRACTISE (Eq. 31 / 34): mean squared error between pre-pooling feature maps.</summary>
public static class FeatureMimic
{
    /// <summary>The teacher's features for a batch, without gradients (targets never need them).</summary>
    public static Tensor Targets(PrunableModel teacher, Tensor input)
    {
        using var _ = no_grad();
        return teacher.features(input);
    }

    public static Tensor Loss(PrunableModel student, Tensor input, Tensor targets)
    {
        using var features = student.features(input);
        return F.mse_loss(features, targets);
    }

    /// <summary>
    /// Mean squared feature error over a whole set of inputs (every element weighted equally), in eval mode without
    /// gradients: the measured R of a recovered student, or the L2 criterion of an unrecovered one.
    /// </summary>
    public static double Distance(PrunableModel teacher, PrunableModel student, IEnumerable<Tensor> batches)
    {
        using var _ = no_grad();
        double sum = 0;
        long elements = 0;
        foreach (var batch in batches)
        {
            using var scope = NewDisposeScope();
            var targets = teacher.features(batch);
            var loss = F.mse_loss(student.features(batch), targets, nn.Reduction.Sum);
            sum += loss.ToDouble();
            elements += targets.numel();
            batch.Dispose();
        }
        return sum / Math.Max(elements, 1);
    }
}
