using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// torchvision's MobileNetV2 (width 1.0) with its state_dict names: features.0 the stem, features.1–17 inverted
/// residuals, features.18 the 1×1 head conv, classifier = (Dropout, Linear). A pruned model keeps a subset of
/// features, renumbered.
/// </summary>
public sealed class MobileNetV2 : PrunableModel
{
    // torchvision's inverted residual setting: expansion t, output channels c, repeats n, first stride s.
    private static readonly (int t, int c, int n, int s)[] Setting =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    private const long StemChannels = 32;
    private const long LastChannels = 1280;

    private readonly Sequential featureLayers;
    private readonly Sequential head;

    internal MobileNetV2(ArchitectureDescriptor architecture) : base(architecture)
    {
        var all = AllFeatures(architecture.InChannels);
        featureLayers = nn.Sequential(KeptIndices("features").Select(index => all[index]()).ToArray());
        head = nn.Sequential(nn.Dropout(0.2), nn.Linear(LastChannels, architecture.NumClasses));
        // "features" and "classifier" are also member names here, so these two are registered by hand.
        register_module("features", featureLayers);
        register_module("classifier", head);
    }

    /// <summary>Number of entries of torchvision's features Sequential.</summary>
    internal static int FeatureCount => 2 + Setting.Sum(row => row.n);

    public override nn.Module<Tensor, Tensor> classifier => head;

    public override IReadOnlyList<FeatureSegment> Segments =>
        featureLayers.children().Cast<nn.Module<Tensor, Tensor>>().Select((layer, rank) => new FeatureSegment(OriginalName($"features.{rank}")!, layer.call)).ToList();

    public override string SegmentOf(string originalBlock) => originalBlock;

    /// <summary>A factory per original feature index, so pruned models build only the kept ones.</summary>
    private static List<Func<nn.Module<Tensor, Tensor>>> AllFeatures(long inChannels)
    {
        var factories = new List<Func<nn.Module<Tensor, Tensor>>> { () => ConvBNActivation.Create(inChannels, StemChannels, 3, 2) };
        var channels = StemChannels;
        foreach (var (t, c, n, s) in Setting)
        {
            for (var i = 0; i < n; i++)
            {
                var (input, stride) = (channels, i == 0 ? s : 1);
                factories.Add(() => new InvertedResidual(input, c, stride, t));
                channels = c;
            }
        }
        var last = channels;
        factories.Add(() => ConvBNActivation.Create(last, LastChannels, 1, 1));
        return factories;
    }
}
