using Practise.Core.Adaptors;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Training;

namespace Practise.Core.Recoverability;

/// <summary>
/// R(B) (Eq. 31): drop block B, train identity-initialised adaptors around the gap to mimic the teacher's features
/// on the tiny set, and report the feature MSE reached, measured with the evaluation transform.
/// This is the straightforward ("full") path, as the reference runs it: one independent training per block, a full
/// teacher and student forward every iteration, and weight gradients for every layer.
/// </summary>
public sealed class RecoverabilityScorer(PrunableModel teacher, TinyBatches data, OptimizationSettings settings, IProgressSink progress)
{
    public double Score(string block, CancellationToken cancellation = default)
    {
        using var student = BlockSurgery.Prune(teacher, [block]);
        using var adaptors = AdaptorSet.Attach(student, AdaptorPlacement.For(student, [block]));
        using (var phase = progress.Begin($"recoverability {block}", settings.Iterations))
        {
            AdaptorTraining.Train(teacher, student, adaptors, data, settings, phase, cancellation, freezeStudent: false);
        }
        return FeatureMimic.Distance(teacher, student, data.EvalBatches(settings.BatchSize));
    }
}
