using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Training;
using Practise.Manifest;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Selection;

/// <summary>
/// The criterion value of dropping one block for the baselines: the damage without any recovery — feature L2
/// distance, or KL divergence of the class distributions (CURL-style). "first" and "random" need no value. PRACTISE's
/// criterion, R with recovery, is scored (and cached) by ScoreBlocks through the recoverability scorers.
/// </summary>
public sealed class CriterionScorer(PrunableModel teacher, TinyBatches data, Criterion criterion, OptimizationSettings recoverability)
{
    public double Evaluate(string block) => criterion switch
    {
        Criterion.L2 => WithoutRecovery(block, student => FeatureMimic.Distance(teacher, student, data.EvalBatches(recoverability.BatchSize))),
        Criterion.Kl => WithoutRecovery(block, LogitDivergence),
        Criterion.First or Criterion.Random => 0,
        _ => throw new InvalidOperationException($"{criterion} is not a baseline: PRACTISE's R is scored by ScoreBlocks"),
    };

    private double WithoutRecovery(string block, Func<PrunableModel, double> measure)
    {
        using var student = BlockSurgery.Prune(teacher, [block]);
        student.eval();
        return measure(student);
    }

    /// <summary>Mean over images of KL(teacher ‖ student) between softmax outputs.</summary>
    private double LogitDivergence(PrunableModel student)
    {
        using var _ = no_grad();
        double sum = 0;
        foreach (var batch in data.EvalBatches(recoverability.BatchSize))
        {
            using var scope = NewDisposeScope();
            var target = F.softmax(teacher.call(batch), 1);
            var divergence = F.kl_div(F.log_softmax(student.call(batch), 1), target, log_target: false, reduction: nn.Reduction.Sum);
            sum += divergence.ToDouble();
            batch.Dispose();
        }
        return sum / data.Set.Count;
    }
}
