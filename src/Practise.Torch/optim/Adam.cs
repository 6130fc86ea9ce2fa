using Practise.Torch.Native;
using static Practise.Torch.torch;

namespace Practise.Torch.Optim;

/// <summary>torch.optim.Adam (with L2 weight decay added to the gradient, and the AMSGrad variant).</summary>
public sealed class Adam : Optimizer
{
    private readonly Dictionary<Tensor, State> states = new(ReferenceEqualityComparer.Instance);

    public Adam(IEnumerable<ParamGroup> paramGroups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false) : base(paramGroups, lr)
    {
        CheckBeta(beta1, nameof(beta1));
        CheckBeta(beta2, nameof(beta2));
        CheckNonNegative(eps, nameof(eps));
        CheckNonNegative(weight_decay, nameof(weight_decay));
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weight_decay;
        AmsGrad = amsgrad;
        Maximize = maximize;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    public double WeightDecay { get; }

    public bool AmsGrad { get; }

    public bool Maximize { get; }

    protected override void Update(ParamGroup group, Tensor parameter, Tensor grad)
    {
        if (!states.TryGetValue(parameter, out var state))
        {
            state = new State(StateLike(parameter), StateLike(parameter), AmsGrad ? StateLike(parameter) : null);
            states[parameter] = state;
        }
        // PyTorch counts the step before using it, so the first update runs with step 1.
        state.Step++;
        NativeMethods.pt_adam_update(parameter.Handle, grad.Handle, state.ExpAvg.Handle, state.ExpAvgSq.Handle, state.MaxExpAvgSq.HandleOrNone(),
            state.Step, group.LearningRate, Beta1, Beta2, Eps, WeightDecay, AmsGrad ? 1 : 0, Maximize ? 1 : 0);
        NativeResult.Check();
    }

    protected override IEnumerable<(string Name, Tensor Value)> StateOf(Tensor parameter)
    {
        if (!states.TryGetValue(parameter, out var state)) yield break;
        yield return ("step", tensor(state.Step)); // a float32 scalar, as PyTorch keeps it
        yield return ("exp_avg", state.ExpAvg.clone());
        yield return ("exp_avg_sq", state.ExpAvgSq.clone());
        if (state.MaxExpAvgSq is { } max) yield return ("max_exp_avg_sq", max.clone());
    }

    protected override void RestoreState(Tensor parameter, IReadOnlyDictionary<string, Tensor> saved)
    {
        string[] names = AmsGrad ? ["step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["step", "exp_avg", "exp_avg_sq"];
        if (saved.Count != names.Length || !names.All(saved.ContainsKey))
            throw new ArgumentException($"Adam{(AmsGrad ? " (amsgrad)" : "")} state holds {string.Join(", ", names)}, not {string.Join(", ", saved.Keys)}", nameof(saved));
        if (states.Remove(parameter, out var old)) old.Dispose();
        states[parameter] = new State(OwnCopy(saved["exp_avg"]), OwnCopy(saved["exp_avg_sq"]), AmsGrad ? OwnCopy(saved["max_exp_avg_sq"]) : null)
        {
            Step = (long)saved["step"].item<float>(),
        };
    }

    protected override void ReleaseState()
    {
        foreach (var state in states.Values) state.Dispose();
        states.Clear();
    }

    private static Tensor StateLike(Tensor parameter) => OwnState(NativeMethods.pt_optim_state_like(parameter.Handle));

    private static void CheckBeta(double beta, string name)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(name, beta, $"invalid {name}: must be in [0, 1)");
    }

    private sealed class State(Tensor expAvg, Tensor expAvgSq, Tensor? maxExpAvgSq) : IDisposable
    {
        public long Step { get; set; }

        public Tensor ExpAvg { get; } = expAvg;

        public Tensor ExpAvgSq { get; } = expAvgSq;

        public Tensor? MaxExpAvgSq { get; } = maxExpAvgSq;

        public void Dispose()
        {
            ExpAvg.Dispose();
            ExpAvgSq.Dispose();
            MaxExpAvgSq?.Dispose();
        }
    }
}
