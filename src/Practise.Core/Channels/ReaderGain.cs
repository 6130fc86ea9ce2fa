using Practise.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Channels;

/// <summary>
/// How much a unit of variance in each hidden channel reaches the block's next normalised activations: through the
/// consumer conv W and the BatchNorm after it (γ, running variance σ²),
/// g_c = Σ_o γ_o² / (σ²_o + ε) · Σ_{kh,kw} W[o, c, kh, kw]². Holding channel c at its mean changes that BatchNorm's
/// output by an error of variance about Var_c · g_c (exactly so for a 1×1 consumer when channels are uncorrelated), which
/// puts every layer's channels on one scale for the global ranking (docs/channel-pruning.md, section 2).
/// </summary>
public static class ReaderGain
{
    /// <summary>g_c per hidden layer of <paramref name="model"/>'s kept blocks, by layer name ("block.conv"), in float64.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<double>> Of(PrunableModel model)
    {
        var modules = model.named_modules().ToDictionary(pair => pair.name, pair => pair.module, StringComparer.Ordinal);
        var gains = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        using var _ = no_grad();
        foreach (var bound in ChannelStatistics.HiddenLayers(model))
        {
            using var scope = NewDisposeScope();
            var norm = (BatchNorm2d)modules[$"{bound.BlockPath}.{bound.Layer.ConsumerNorm}"];
            var gamma = norm.weight!.detach().to(ScalarType.Float64, CPU);
            var normalising = gamma.square() / (norm.running_var!.to(ScalarType.Float64, CPU) + norm.eps);
            var tapEnergy = bound.Consumer.weight!.detach().to(ScalarType.Float64, CPU).square().sum(new long[] { 2, 3 });
            gains[bound.Name] = normalising.matmul(tapEnergy).data<double>().ToArray();
        }
        return gains;
    }
}
