using Practise.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Adaptors;

/// <summary>Finding an adaptor's conv and folding a 1×1 adaptor into it.</summary>
internal static class AdaptorFusion
{
    /// <summary>The Conv2d of each site, checked against the site's kind and size.</summary>
    public static List<Conv2d> Convs(PrunableModel model, IEnumerable<AdaptorSite> sites)
    {
        var modules = model.named_modules().ToDictionary(pair => pair.name, pair => pair.module, StringComparer.Ordinal);
        return sites.Select(site =>
        {
            if (!modules.TryGetValue(site.ConvPath, out var module) || module is not Conv2d conv)
                throw new ArgumentException($"{model.Architecture.Arch}: no Conv2d at '{site.ConvPath}' for a {site.Kind} adaptor");
            var channels = site.Kind == AdaptorKind.Pre ? conv.in_channels : conv.out_channels;
            if (channels != site.Channels)
                throw new ArgumentException($"{site.Kind} adaptor at '{site.ConvPath}' has {site.Channels} channels, the conv has {channels}");
            return conv;
        }).ToList();
    }

    /// <summary>
    /// A grouped conv cannot absorb a dense channel mixing: P·x mixes inputs across groups, P·W outputs across them.
    /// </summary>
    public static void EnsureFusable(Conv2d conv, AdaptorSite site)
    {
        if (conv.groups != 1)
            throw new NotSupportedException($"cannot fold the {site.Kind} adaptor into '{site.ConvPath}': the conv has groups = {conv.groups}, folding needs groups = 1");
    }

    /// <summary>Overwrites conv's weight (and bias, for an after-adaptor) with the exact composition, computed in float64.</summary>
    public static void Fold(Conv2d conv, AdaptorKind kind, Tensor adaptor)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var weight = conv.weight;
        var dtype = weight.dtype;
        var shape = weight.shape;
        var mixing = adaptor.reshape(adaptor.size(0), adaptor.size(1)).to_type(float64);
        var weights = weight.to_type(float64);
        Tensor fused;
        Tensor? fusedBias = null;
        if (kind == AdaptorKind.Pre)
        {
            // Per tap (i, j): [out, in] · [in, in]; the taps lead as batch dims of matmul.
            fused = weights.permute(2, 3, 0, 1).matmul(mixing).permute(2, 3, 0, 1);
        }
        else
        {
            fused = mixing.matmul(weights.reshape(shape[0], -1)).reshape(shape);
            if (conv.bias is { } bias) fusedBias = mixing.matmul(bias.to_type(float64)).to_type(dtype);
        }
        // In place: the Parameters keep their identity (optimizers, hooks) and their requires_grad.
        weight.copy_(fused);
        if (fusedBias is not null) conv.bias!.copy_(fusedBias);
    }
}
