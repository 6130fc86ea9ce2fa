using static Practise.Torch.torch;

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
        optim.lr_scheduler.MultiStepLR(iteration, Lr, [(int)(0.4 * Iterations), (int)(0.8 * Iterations)], 0.1);

    public Practise.Torch.Optim.Optimizer CreateOptimizer(IEnumerable<Tensor> parameters) =>
        optim.SGD(parameters, Lr, momentum: Momentum, weight_decay: WeightDecay);
}
