using Practise.Core.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Training;

/// <summary>One model's part in a training: the optimizer over what it trains and its loss on the iteration's batch.</summary>
/// <param name="Losses">Where each step's loss is recorded, or null when nobody reads them (reading one waits for the device).</param>
public sealed record Learner<TBatch>(optim.Optimizer Optimizer, Func<TBatch, Tensor> Loss, List<double>? Losses = null);

/// <summary>
/// The one SGD loop of the engine: adaptor training, shared-prefix scoring and finetuning all run it. Each iteration,
/// in a fresh dispose scope, computes the iteration's batch once (for shared-prefix scoring, the teacher pass every
/// candidate shares), then steps each learner: its scheduled learning rate, its loss, zero_grad, backward, step.
/// Learners step one after another in the given order, or side by side on <c>parallel</c> threads
/// (<see cref="CandidateWorkers"/>); a step touches only its own learner, so which thread runs it does not change a
/// number. After each iteration it collects what TorchSharp leaves to finalizers (<see cref="NativeGarbage"/>).
/// </summary>
public static class TrainingLoop
{
    /// <summary>One learner over <paramref name="parameters"/>, its loss a function of the iteration; returns every iteration's loss.</summary>
    public static IReadOnlyList<double> Run(IEnumerable<Parameter> parameters, OptimizationSettings settings, Func<int, Tensor> lossAt,
        IProgressPhase? phase, CancellationToken cancellation)
    {
        using var optimizer = settings.CreateOptimizer(parameters);
        var losses = new List<double>(settings.Iterations);
        Run(settings, [new Learner<int>(optimizer, lossAt, losses)], iteration => iteration, phase, cancellation);
        return losses;
    }

    /// <summary>
    /// Iterations <paramref name="start"/> … settings.Iterations − 1 (a resumed training starts past 0, its optimizers'
    /// state restored by the caller). After each, the phase advances and <paramref name="completed"/> is told how many
    /// iterations are done, still inside the iteration's dispose scope (where scoring saves its checkpoints).
    /// </summary>
    public static void Run<TBatch>(OptimizationSettings settings, IReadOnlyList<Learner<TBatch>> learners, Func<int, TBatch> batchAt,
        IProgressPhase? phase, CancellationToken cancellation, int start = 0, int parallel = 1, Action<int>? completed = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(learners);
        using var workers = parallel > 1 && learners.Count > 1 ? new CandidateWorkers(Math.Min(parallel, learners.Count)) : null;
        for (var iteration = start; iteration < settings.Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = batchAt(iteration);
            var lr = settings.LearningRate(iteration);
            void Step(Learner<TBatch> learner)
            {
                using var step = NewDisposeScope();
                learner.Optimizer.SetLearningRate(lr);
                var loss = learner.Loss(batch);
                learner.Optimizer.zero_grad();
                loss.backward();
                learner.Optimizer.step();
                learner.Losses?.Add(loss.ToDouble());
            }
            if (workers is null)
                foreach (var learner in learners) Step(learner);
            else
                workers.Run(learners.Count, index => Step(learners[index]));
            phase?.Advance();
            NativeGarbage.CollectYoung();
            completed?.Invoke(iteration + 1);
        }
        NativeGarbage.CollectAll();
    }
}
