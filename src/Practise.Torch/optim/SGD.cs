using Practise.Torch.Native;
using static Practise.Torch.torch;

namespace Practise.Torch.Optim;

/// <summary>torch.optim.SGD: stochastic gradient descent with optional (Nesterov) momentum and weight decay.</summary>
public sealed class SGD : Optimizer
{
    private readonly Dictionary<Tensor, Tensor> momentumBuffers = new(ReferenceEqualityComparer.Instance);

    public SGD(IEnumerable<ParamGroup> paramGroups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false) : base(paramGroups, lr)
    {
        CheckNonNegative(momentum, nameof(momentum));
        CheckNonNegative(weight_decay, nameof(weight_decay));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weight_decay;
        Nesterov = nesterov;
        Maximize = maximize;
    }

    public double Momentum { get; }

    public double Dampening { get; }

    public double WeightDecay { get; }

    public bool Nesterov { get; }

    public bool Maximize { get; }

    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad)
    {
        momentumBuffers.TryGetValue(parameter, out var buffer);
        var created = NativeMethods.pt_sgd_update(parameter.Handle, grad.Handle, buffer.HandleOrNone(), group.LearningRate, Momentum, Dampening,
            WeightDecay, Nesterov ? 1 : 0, Maximize ? 1 : 0);
        if (created != IntPtr.Zero) momentumBuffers[parameter] = OwnState(created);
        else NativeResult.Check();
    }

    protected override IEnumerable<(string Name, Tensor Value)> StateOf(Tensor parameter) =>
        momentumBuffers.TryGetValue(parameter, out var buffer) ? [("momentum_buffer", buffer.clone())] : [];

    protected override void RestoreState(Tensor parameter, IReadOnlyDictionary<string, Tensor> state)
    {
        if (!state.TryGetValue("momentum_buffer", out var saved) || state.Count != 1)
            throw new ArgumentException($"SGD state holds only momentum_buffer, not {string.Join(", ", state.Keys)}", nameof(state));
        if (momentumBuffers.Remove(parameter, out var old)) old.Dispose();
        momentumBuffers[parameter] = OwnCopy(saved);
    }

    protected override void ReleaseState()
    {
        foreach (var buffer in momentumBuffers.Values) buffer.Dispose();
        momentumBuffers.Clear();
    }
}
