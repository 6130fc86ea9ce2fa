using Practise.Core.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Adaptors;

/// <summary>
/// The adaptors of one set of sites, attached to a pruned model by forward hooks: one identity-initialised
/// [C, C, 1, 1] Parameter per site, named after the conv path ("layer3_1_conv1_pre"), so an optimizer over
/// parameters() trains exactly the adaptors. Disposing detaches the hooks and releases the weights.
/// </summary>
public sealed class AdaptorSet : nn.Module
{
    private readonly List<(AdaptorSite site, Parameter weight)> adaptors;
    private readonly List<HookHandle> hooks = [];

    private AdaptorSet(List<(AdaptorSite site, Parameter weight)> adaptors) : base(nameof(AdaptorSet))
    {
        this.adaptors = adaptors;
        Sites = adaptors.Select(adaptor => adaptor.site).ToList();
        foreach (var (site, weight) in adaptors) register_parameter(ParameterName(site), weight);
    }

    public IReadOnlyList<AdaptorSite> Sites { get; }

    /// <summary>True while the hooks are installed.</summary>
    public bool IsAttached { get; private set; }

    /// <summary>The name of a site's weight in this module's state: the conv path with '_' for '.', then "_pre"/"_after".</summary>
    public static string ParameterName(AdaptorSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return $"{site.ConvPath.Replace('.', '_')}_{(site.Kind == AdaptorKind.Pre ? "pre" : "after")}";
    }

    /// <summary>The weight of one site, [Channels, Channels, 1, 1].</summary>
    public Parameter Weight(AdaptorSite site)
    {
        foreach (var adaptor in adaptors)
            if (adaptor.site == site) return adaptor.weight;
        throw new ArgumentException($"no adaptor at {site}", nameof(site));
    }

    /// <summary>
    /// Creates identity adaptors for the sites (on the convs' device) and hooks them into pruned, which then computes
    /// exactly what it computed before until the adaptors are trained.
    /// </summary>
    public static AdaptorSet Attach(PrunableModel pruned, IReadOnlyList<AdaptorSite> sites)
    {
        ArgumentNullException.ThrowIfNull(pruned);
        ArgumentNullException.ThrowIfNull(sites);
        var duplicate = sites.GroupBy(site => (site.ConvPath, site.Kind)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two adaptors at {duplicate.Key.ConvPath} ({duplicate.Key.Kind})", nameof(sites));
        var convs = AdaptorFusion.Convs(pruned, sites);
        var adaptors = new List<(AdaptorSite, Parameter)>();
        try
        {
            foreach (var (site, conv) in sites.Zip(convs)) adaptors.Add((site, Identity(site.Channels, conv.weight.device)));
        }
        catch
        {
            foreach (var (_, weight) in adaptors) weight.Dispose();
            throw;
        }
        var set = new AdaptorSet(adaptors);
        foreach (var ((site, weight), conv) in adaptors.Zip(convs)) set.hooks.Add(Hook(conv, site.Kind, weight));
        set.IsAttached = true;
        return set;
    }

    /// <summary>Removes the hooks; the model computes without adaptors again. Idempotent.</summary>
    public void Detach()
    {
        foreach (var hook in hooks) hook.Dispose();
        hooks.Clear();
        IsAttached = false;
    }

    /// <summary>
    /// Folds every adaptor into its conv of pruned (the model attached to, or one with the same convs) exactly, then
    /// detaches: pre: W'[:, :, i, j] = W[:, :, i, j]·P for every tap; after: W' = P·W, b' = P·b. BatchNorm is untouched.
    /// Call once: folding twice applies the adaptors twice.
    /// </summary>
    public void FuseInto(PrunableModel pruned)
    {
        ArgumentNullException.ThrowIfNull(pruned);
        var convs = AdaptorFusion.Convs(pruned, Sites);
        // Checked for all sites first so that a refused fusion leaves the model unchanged.
        foreach (var ((site, _), conv) in adaptors.Zip(convs)) AdaptorFusion.EnsureFusable(conv, site);
        Detach();
        foreach (var ((site, weight), conv) in adaptors.Zip(convs)) AdaptorFusion.Fold(conv, site.Kind, weight);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Detach();
        base.Dispose(disposing);
    }

    private static Parameter Identity(long channels, Device device)
    {
        using var scope = NewDisposeScope();
        var identity = eye(channels, device: device).reshape(channels, channels, 1, 1).contiguous();
        // The Parameter takes the tensor's place in the scope; the adaptor outlives it.
        return (Parameter)new Parameter(identity).DetachFromDisposeScope();
    }

    // The after hook releases the conv's own output it replaces; the adapted input of a pre hook belongs to the
    // caller's dispose scope (every block forward opens one).
    private static HookHandle Hook(Conv2d conv, AdaptorKind kind, Parameter weight) => kind == AdaptorKind.Pre
        ? new(conv.register_forward_pre_hook((_, input) => F.conv2d(input, weight)).remove)
        : new(conv.register_forward_hook((_, _, output) =>
        {
            using (output) return F.conv2d(output, weight);
        }).remove);
}
