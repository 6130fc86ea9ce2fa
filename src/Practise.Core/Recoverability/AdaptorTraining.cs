using Practise.Core.Adaptors;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Training;

namespace Practise.Core.Recoverability;

/// <summary>
/// Trains only the adaptors around the gaps of a pruned student so its features mimic the teacher's; both networks
/// stay in eval mode (BatchNorm frozen), as in the reference. Used for R(B) and for the adaptors-only finetune.
/// </summary>
public static class AdaptorTraining
{
    /// <summary>
    /// Trains in place; returns the loss after each iteration. With <paramref name="freezeStudent"/> false the
    /// student's own weights still receive gradients (unused), exactly as the reference computes: the baseline that
    /// shared-prefix scoring is measured against.
    /// </summary>
    public static IReadOnlyList<double> Train(PrunableModel teacher, PrunableModel student, AdaptorSet adaptors, TinyBatches data,
        OptimizationSettings settings, IProgressPhase? phase = null, CancellationToken cancellation = default, bool freezeStudent = true)
    {
        teacher.eval();
        student.eval();
        if (freezeStudent) Freezing.Freeze(student);
        return TrainingLoop.Run(adaptors.parameters(), settings, iteration =>
        {
            var input = data.TrainBatch(iteration);
            return FeatureMimic.Loss(student, input, FeatureMimic.Targets(teacher, input));
        }, phase, cancellation);
    }
}
