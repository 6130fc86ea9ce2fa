using static Practise.Torch.torch;

namespace Practise.Torch.Optim;

/// <summary>
/// Parameters that share a learning rate, as an entry of PyTorch's optimizer.param_groups. Hand groups to an
/// optimizer to give parts of a model their own rate; a null lr takes the optimizer's. The optimizer keeps its own
/// copies: change rates later through optimizer.param_groups (or optimizer.LearningRate).
/// </summary>
public sealed class ParamGroup(IEnumerable<Tensor> parameters, double? lr = null)
{
    public IReadOnlyList<Tensor> Parameters { get; } = parameters.ToArray();

    /// <summary>Read at every step(), so a schedule sets it between steps.</summary>
    public double LearningRate { get; set; } = lr ?? double.NaN;

    internal bool HasLearningRate => !double.IsNaN(LearningRate);
}
