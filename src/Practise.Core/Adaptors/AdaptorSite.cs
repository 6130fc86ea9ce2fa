namespace Practise.Core.Adaptors;

/// <summary>
/// One adaptor: a Channels×Channels 1×1 conv without bias on the Conv2d at ConvPath (a module path of the PRUNED model,
/// e.g. "layer3.1.conv1", "layer3.0.downsample.0", "features.4.conv.0.0"). Channels is the conv's in_channels for a
/// pre-adaptor and its out_channels for an after-adaptor.
/// </summary>
public sealed record AdaptorSite(string ConvPath, AdaptorKind Kind, long Channels)
{
    /// <summary>Number of adaptor weights, Channels².</summary>
    public long WeightCount => Channels * Channels;
}
