using Practise.Core.Pipeline;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Training;

/// <summary>
/// The one SGD loop every training in the engine runs: per iteration a fresh dispose scope, the scheduled learning
/// rate, the loss for that iteration's batch, a step, and a collection of what TorchSharp leaves to finalizers (<see cref="NativeGarbage"/>);
/// it returns the losses.
/// </summary>
public static class TrainingLoop
{
    public static IReadOnlyList<double> Run(IEnumerable<Parameter> parameters, OptimizationSettings settings, Func<int, Tensor> lossAt,
        IProgressPhase? phase, CancellationToken cancellation)
    {
        var losses = new List<double>(settings.Iterations);
        using var optimizer = settings.CreateOptimizer(parameters);
        for (var iteration = 0; iteration < settings.Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            optimizer.SetLearningRate(settings.LearningRate(iteration));
            var loss = lossAt(iteration);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            losses.Add(loss.ToDouble());
            phase?.Advance();
            NativeGarbage.CollectYoung();
        }
        NativeGarbage.CollectAll();
        return losses;
    }
}
