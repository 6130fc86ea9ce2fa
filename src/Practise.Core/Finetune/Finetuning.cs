using Practise.Core.Adaptors;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Training;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Finetune;

/// <summary>Step 4 of Algorithm 1 and its alternatives: recover the pruned student on the tiny set.</summary>
public static class Finetuning
{
    /// <summary>
    /// Eq. 34: all parameters of the student learn to mimic the teacher's pre-pooling features; the student's
    /// BatchNorm is in train mode, the teacher in eval mode; labels are never used.
    /// </summary>
    public static IReadOnlyList<double> FeatureMimicking(PrunableModel teacher, PrunableModel student, TinyBatches data,
        OptimizationSettings settings, IProgressPhase? phase = null, CancellationToken cancellation = default) =>
        Train(student, settings, phase, cancellation, (iteration, input) =>
        {
            var targets = FeatureMimic.Targets(teacher, input);
            return FeatureMimic.Loss(student, input, targets);
        }, data, teacher);

    /// <summary>The paper's "BP" baseline: cross-entropy on the tiny set's labels.</summary>
    public static IReadOnlyList<double> CrossEntropy(PrunableModel student, TinyBatches data, OptimizationSettings settings,
        IProgressPhase? phase = null, CancellationToken cancellation = default) =>
        Train(student, settings, phase, cancellation, (iteration, input) =>
        {
            var logits = student.call(input);
            return F.cross_entropy(logits, data.TrainLabels(iteration));
        }, data, teacher: null);

    /// <summary>
    /// Trains only adaptors around every gap, then folds them into the neighbouring convolutions: the result has no
    /// extra layers, so it costs nothing at inference.
    /// </summary>
    public static IReadOnlyList<double> AdaptorsOnly(PrunableModel teacher, PrunableModel student, TinyBatches data,
        OptimizationSettings settings, IProgressPhase? phase = null, CancellationToken cancellation = default)
    {
        using var adaptors = AdaptorSet.Attach(student, AdaptorPlacement.For(student, student.Architecture.DroppedBlocks));
        var losses = AdaptorTraining.Train(teacher, student, adaptors, data, settings, phase, cancellation);
        adaptors.FuseInto(student);
        return losses;
    }

    private static IReadOnlyList<double> Train(PrunableModel student, OptimizationSettings settings, IProgressPhase? phase,
        CancellationToken cancellation, Func<int, Tensor, Tensor> lossOf, TinyBatches data, PrunableModel? teacher)
    {
        teacher?.eval();
        student.train();
        foreach (var parameter in student.parameters()) parameter.requires_grad = true;
        var losses = TrainingLoop.Run(student.parameters(), settings, iteration => lossOf(iteration, data.TrainBatch(iteration)), phase, cancellation);
        student.eval();
        return losses;
    }
}
