using Practise.Core.Adaptors;
using Practise.Core.Channels;
using Practise.Core.Models;
using Practise.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Architectures;

/// <summary>
/// torchvision's MobileNetV2 (width 1.0). Its blocks are features.0 … features.18; an inverted residual with stride 1
/// that keeps the channel count (every one but the first of a row of the inverted residual setting) has a skip and may
/// be dropped. A row is one run of the stream's width for adaptor placement (docs/adaptors.md).
/// </summary>
public sealed class MobileNetV2Family : IArchitectureFamily
{
    public IReadOnlyList<ArchitectureSpec> Architectures { get; } = [Spec()];

    private static ArchitectureSpec Spec()
    {
        var blocks = Enumerable.Range(0, MobileNetV2.FeatureCount).Select(index => $"features.{index}").ToList();
        // Rows start at features.1, after the stem. The reference walks from the dropped block while out_channels stays
        // the same, which is exactly a row, so the 96-channel row (features.11–13) starts at a stride-1 block.
        var first = 1;
        var rows = MobileNetV2.Setting.Select(row =>
        {
            var blocksOfRow = blocks.GetRange(first, row.n);
            first += row.n;
            return (IReadOnlyList<string>)blocksOfRow;
        }).ToList();
        var residual = rows.SelectMany(row => row.Skip(1)).ToList();
        return new("mobilenet_v2", 1000, 224, blocks, residual, [], rows, HasStages: false, descriptor => new MobileNetV2(descriptor), ExpandedChannels());
    }

    /// <summary>Every inverted residual's expanded width (inputs × t), named by its expansion conv; none where t = 1 (features.1).</summary>
    private static Dictionary<string, long> ExpandedChannels()
    {
        var hidden = new Dictionary<string, long>(StringComparer.Ordinal);
        var (index, channels) = (1, MobileNetV2.StemChannels);
        foreach (var (t, c, n, _) in MobileNetV2.Setting)
        {
            for (var i = 0; i < n; i++, index++)
            {
                if (t != 1) hidden[$"features.{index}.{InvertedResidual.ExpansionConv}"] = channels * t;
                channels = c;
            }
        }
        return hidden;
    }
}

/// <summary>
/// The MobileNetV2 model with torchvision's state_dict names: features.0 the stem, features.1–17 inverted residuals,
/// features.18 the 1×1 head conv, classifier = (Dropout, Linear). A pruned model keeps a subset of features, renumbered.
/// </summary>
public sealed class MobileNetV2 : PrunableModel
{
    /// <summary>torchvision's inverted residual setting: expansion t, output channels c, repeats n, first stride s.</summary>
    internal static readonly (int t, int c, int n, int s)[] Setting =
        [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)];

    internal const long StemChannels = 32;
    private const long LastChannels = 1280;

    private readonly Sequential featureLayers;
    private readonly Sequential head;

    internal MobileNetV2(ArchitectureDescriptor architecture) : base(architecture)
    {
        var all = AllFeatures(architecture.InChannels, (block, original) => HiddenWidth(block, InvertedResidual.ExpansionConv, original));
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

    internal override string FeaturesToOnnx(OnnxGraph graph, string input) => graph.Emit(featureLayers, input, "features");

    /// <summary>A factory per original feature index, so pruned models build only the kept ones, each at its expanded width.</summary>
    private static List<Func<nn.Module<Tensor, Tensor>>> AllFeatures(long inChannels, Func<string, long, long> expandedWidth)
    {
        var factories = new List<Func<nn.Module<Tensor, Tensor>>> { () => ConvBNActivation.Create(inChannels, StemChannels, 3, 2) };
        var channels = StemChannels;
        foreach (var (t, c, n, s) in Setting)
        {
            for (var i = 0; i < n; i++)
            {
                var (input, stride, name) = (channels, i == 0 ? s : 1, $"features.{factories.Count}");
                factories.Add(() => new InvertedResidual(input, c, stride, t, expandedWidth(name, input * t)));
                channels = c;
            }
        }
        var last = channels;
        factories.Add(() => ConvBNActivation.Create(last, LastChannels, 1, 1));
        return factories;
    }
}

/// <summary>
/// MobileNetV2's block as torchvision names it: conv.0 the 1×1 expansion (absent when t = 1), then the 3×3 depthwise
/// ConvBNActivation, the 1×1 linear projection conv and its BN; a skip when stride 1 keeps the channel count. The
/// expanded channels (inp·t unless channel-pruned) are hidden: a removed one goes from the expansion and the depthwise
/// conv, and its post-ReLU6 mean folds exactly into the 1×1 projection's BN.
/// </summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>, IAdaptableBlock, IOnnxExportable, IChannelPrunableBlock
{
    /// <summary>The expansion conv, by which hidden_widths names a block's expanded width.</summary>
    internal const string ExpansionConv = "conv.0.0";

    public InvertedResidual(long inp, long oup, long stride, long expand_ratio, long? width = null) : base(nameof(InvertedResidual))
    {
        var hidden = expand_ratio == 1 ? inp : width ?? inp * expand_ratio;
        use_res_connect = stride == 1 && inp == oup;
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expand_ratio != 1) layers.Add(ConvBNActivation.Create(inp, hidden, 1, 1));
        layers.Add(ConvBNActivation.Create(hidden, hidden, 3, stride, groups: hidden));
        layers.Add(nn.Conv2d(hidden, oup, 1, bias: false));
        layers.Add(nn.BatchNorm2d(oup));
        conv = nn.Sequential(layers.ToArray());
        RegisterComponents();
    }

    public bool use_res_connect { get; }

    public readonly Sequential conv;

    public override Tensor forward(Tensor input)
    {
        var output = conv.call(input);
        return use_res_connect ? output.add_(input) : output;
    }

    public string ToOnnx(OnnxGraph graph, string input, string path)
    {
        var output = graph.Emit(conv, input, $"{path}.conv");
        return use_res_connect ? graph.Add(output, input, path) : output;
    }

    /// <summary>The 1×1 linear projection (conv.2, or conv.1 without expansion).</summary>
    public IEnumerable<string> StreamWriters(string path) => [$"{path}.conv.{conv.named_children().Single(child => child.module is Conv2d).name}"];

    /// <summary>
    /// The 1×1 expansion conv.0.0. Without expansion (t = 1, features.1 only) the reader would be the depthwise conv,
    /// which no 1×1 mixing folds into.
    /// </summary>
    public IEnumerable<string> StreamReaders(string path) =>
        conv[0] is Sequential first && first[0] is Conv2d { groups: 1 }
            ? [$"{path}.conv.0.0"]
            : throw new NotSupportedException($"no pre-adaptor placement for a {nameof(InvertedResidual)} at {path}");

    /// <summary>The expanded channels; none without expansion, where the depthwise conv reads the block's input.</summary>
    public IReadOnlyList<HiddenLayer> HiddenLayers =>
        conv.Count == 4 ? [new(ExpansionConv, ["conv.0.0", "conv.0.1", "conv.1.0", "conv.1.1"], "conv.2", "conv.3")] : [];
}

/// <summary>torchvision's Conv2dNormActivation with ReLU6: (conv without bias, BN, ReLU6) named 0, 1, 2.</summary>
public static class ConvBNActivation
{
    public static Sequential Create(long inChannels, long outChannels, long kernelSize, long stride, long groups = 1) =>
        nn.Sequential(
            nn.Conv2d(inChannels, outChannels, kernelSize, stride, padding: (kernelSize - 1) / 2, groups: groups, bias: false),
            nn.BatchNorm2d(outChannels),
            nn.ReLU6());
}
