using Practise.Torch.Native;
using static Practise.Torch.torch;

namespace Practise.Torch.Optim;

/// <summary>
/// Base of the torch.optim optimizers: parameter groups, zero_grad and step. The optimizer keeps its own handles
/// to the parameters and its state tensors outside every dispose scope; Dispose releases them.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups = [];
    private bool disposed;

    protected Optimizer(IEnumerable<ParamGroup> paramGroups, double lr)
    {
        CheckNonNegative(lr, nameof(lr));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var group in paramGroups)
            {
                if (group.HasLearningRate) CheckNonNegative(group.LearningRate, nameof(lr));
                foreach (var parameter in group.Parameters)
                {
                    if (!seen.Add(parameter)) throw new ArgumentException("some parameters appear in more than one parameter group", nameof(paramGroups));
                }
                // Aliases share storage and .grad with the caller's tensors but live as long as the optimizer does.
                var owned = group.Parameters.Select(parameter => parameter.alias().DetachFromDisposeScope()).ToArray();
                groups.Add(new ParamGroup(owned, group.HasLearningRate ? group.LearningRate : lr));
            }
            if (seen.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(paramGroups));
        }
        catch
        {
            ReleaseParameters();
            throw;
        }
    }

    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>The first group's learning rate; setting it sets every group's (what a single schedule needs).</summary>
    public double LearningRate
    {
        get => groups[0].LearningRate;
        set
        {
            CheckNonNegative(value, nameof(value));
            foreach (var group in groups) group.LearningRate = value;
        }
    }

    /// <summary>Clears every parameter's gradient: drops it (PyTorch 2's default) or zeroes it in place.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        ThrowIfDisposed();
        foreach (var parameter in groups.SelectMany(group => group.Parameters))
        {
            NativeMethods.pt_optim_zero_grad(parameter.Handle, set_to_none ? 1 : 0);
            NativeResult.Check();
        }
    }

    /// <summary>Updates every parameter that has a gradient, in place and without recording autograd history.</summary>
    public void step()
    {
        ThrowIfDisposed();
        foreach (var group in groups)
        {
            foreach (var parameter in group.Parameters)
            {
                using var grad = parameter.grad;
                if (grad is not null) Update(group, parameter, grad);
            }
        }
    }

    /// <summary>
    /// The per-parameter state, flattened as "{position}.{name}" (position over all groups, as in PyTorch's
    /// <c>optimizer.state_dict()["state"]</c>): clones, owned by the caller. Parameters not stepped yet have none.
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        ThrowIfDisposed();
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (parameter, position) in Parameters())
        {
            foreach (var (name, value) in StateOf(parameter)) state[$"{position}.{name}"] = value;
        }
        return state;
    }

    /// <summary>Restores what <see cref="state_dict"/> returned (copies it): training continues exactly where it stopped.</summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state)
    {
        ThrowIfDisposed();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (parameter, position) in Parameters())
        {
            var prefix = $"{position}.";
            var own = state.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal);
            if (own.Count == 0) continue;
            RestoreState(parameter, own);
            known.UnionWith(own.Keys.Select(name => prefix + name));
        }
        var unknown = state.Keys.Where(key => !known.Contains(key)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"optimizer state has entries for no parameter: {string.Join(", ", unknown)}", nameof(state));
    }

    /// <summary>Copies of one parameter's state tensors, by PyTorch's names (e.g. "momentum_buffer"), owned by the caller.</summary>
    protected abstract IEnumerable<(string Name, Tensor Value)> StateOf(Tensor parameter);

    /// <summary>Replaces one parameter's state with copies of <paramref name="state"/>.</summary>
    protected abstract void RestoreState(Tensor parameter, IReadOnlyDictionary<string, Tensor> state);

    /// <summary>A copy of a saved state tensor, owned by the optimizer.</summary>
    private protected static Tensor OwnCopy(Tensor saved) => saved.clone().DetachFromDisposeScope();

    private IEnumerable<(Tensor Parameter, int Position)> Parameters() =>
        groups.SelectMany(group => group.Parameters).Select((parameter, position) => (parameter, position));

    /// <summary>One parameter's update with its group's settings; <paramref name="parameter"/> is the optimizer's own handle.</summary>
    protected abstract void Update(ParamGroup group, Tensor parameter, Tensor grad);

    /// <summary>Releases the per-parameter state tensors.</summary>
    protected abstract void ReleaseState();

    /// <summary>Takes a state tensor returned by the bridge out of every dispose scope: the optimizer owns it.</summary>
    private protected static Tensor OwnState(IntPtr handle) => NativeResult.Tensor(handle).DetachFromDisposeScope();

    private protected static void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0)) throw new ArgumentOutOfRangeException(name, value, $"invalid {name}: must be >= 0");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        ReleaseState();
        ReleaseParameters();
        GC.SuppressFinalize(this);
    }

    private void ReleaseParameters()
    {
        foreach (var parameter in groups.SelectMany(group => group.Parameters)) parameter.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
