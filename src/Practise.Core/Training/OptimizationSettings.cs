using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Training;

/// <summary>
/// SGD with the reference's step schedule (lr ×0.1 at 40% and 80% of the iterations), shared by adaptor training
/// (recoverability) and finetuning.
/// </summary>
public sealed record OptimizationSettings(int Iterations, double Lr, double Momentum, double WeightDecay, int BatchSize)
{
    public static OptimizationSettings From(Practise.Manifest.RecoverabilitySettings settings) =>
        new(settings.Iterations, settings.Lr, settings.Momentum, settings.WeightDecay, settings.BatchSize);

    public static OptimizationSettings From(Practise.Manifest.FinetuneSettings settings) =>
        new(settings.Iterations, settings.Lr, settings.Momentum, settings.WeightDecay, settings.BatchSize);

    /// <summary>The learning rate at an iteration: a pure function of it.</summary>
    public double LearningRate(int iteration) =>
        LearningRateSchedules.MultiStep(iteration, Lr, [(int)(0.4 * Iterations), (int)(0.8 * Iterations)], 0.1);

    public SGD CreateOptimizer(IEnumerable<Parameter> parameters) =>
        optim.SGD(parameters, Lr, momentum: Momentum, weight_decay: WeightDecay);
}
