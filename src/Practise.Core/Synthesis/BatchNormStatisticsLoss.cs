using Practise.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Synthesis;

/// <summary>
/// DeepInversion's feature-distribution term: every BatchNorm2d of a model is hooked, and after a forward the loss is
/// Σ_l w_l (‖μ_l − running_mean_l‖₂ + ‖σ²_l − running_var_l‖₂), where μ_l and σ²_l (biased, as DeepInversion) are the
/// per-channel mean and variance of the batch entering layer l. The first layer weighs <see cref="FirstLayerWeight"/>
/// times more (DeepInversion's first_bn_multiplier): it sees pixels, the statistic most easily matched by noise.
/// </summary>
public sealed class BatchNormStatisticsLoss : IDisposable
{
    /// <summary>DeepInversion's first_bn_multiplier.</summary>
    public const double FirstLayerWeight = 10;

    private readonly List<HookHandle> hooks = [];
    private readonly Tensor?[] terms;

    public BatchNormStatisticsLoss(nn.Module model, double firstLayerWeight = FirstLayerWeight)
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.modules().OfType<BatchNorm2d>().ToList();
        terms = new Tensor?[layers.Count];
        for (var index = 0; index < layers.Count; index++)
        {
            var (layer, position, weight) = (layers[index], index, index == 0 ? firstLayerWeight : 1.0);
            hooks.Add(new HookHandle(layer.register_forward_hook((_, input, output) =>
            {
                Record(position, Term(input, layer.running_mean!, layer.running_var!).mul(weight));
                return output;
            }).remove));
        }
    }

    /// <summary>How many BatchNorm2d layers <paramref name="model"/> has: what the loss would hook.</summary>
    public static int LayersOf(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.modules().OfType<BatchNorm2d>().Count();
    }

    /// <summary>How many BatchNorm2d layers are hooked; 0 means the model gives this loss nothing to match.</summary>
    public int Layers => terms.Length;

    /// <summary>One layer's term: ‖μ − running_mean‖₂ + ‖σ² − running_var‖₂ over the batch's N×H×W positions per channel.</summary>
    public static Tensor Term(Tensor input, Tensor runningMean, Tensor runningVar)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var mean = input.mean([0, 2, 3]);
        var variance = input.var([0, 2, 3], unbiased: false);
        return runningVar.sub(variance).norm().add(runningMean.sub(mean).norm()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The weighted sum over the layers of the last forward, in the caller's dispose scope; the recorded terms are
    /// released. Throws when a layer did not run (a forward that skipped it, or none since the last call).
    /// </summary>
    public Tensor Take()
    {
        if (terms.Length == 0) throw new InvalidOperationException("the model has no BatchNorm2d layer to match");
        if (terms.Any(term => term is null)) throw new InvalidOperationException("no forward ran every BatchNorm layer since the last Take()");
        using var scope = NewDisposeScope();
        var total = terms[0]!;
        for (var i = 1; i < terms.Length; i++) total = total.add(terms[i]!);
        var result = total.alias().MoveToOuterDisposeScope();
        Release();
        return result;
    }

    public void Dispose()
    {
        foreach (var hook in hooks) hook.Dispose();
        hooks.Clear();
        Release();
    }

    // A hook runs inside the model's own dispose scopes, which end before the loss is read: each term leaves them.
    private void Record(int position, Tensor term)
    {
        terms[position]?.Dispose();
        terms[position] = term.DetachFromDisposeScope();
    }

    private void Release()
    {
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i]?.Dispose();
            terms[i] = null;
        }
    }
}
