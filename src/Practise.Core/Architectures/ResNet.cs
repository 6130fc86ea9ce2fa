using Practise.Core.Adaptors;
using Practise.Core.Channels;
using Practise.Core.Models;
using Practise.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Architectures;

/// <summary>
/// torchvision's ResNets (resnet18 … resnet152), laid out as torchvision's resnet.py: the blocks, the model, and the
/// architectures by name. Blocks with index ≥ 1 of a stage map planes·expansion to itself and may be dropped;
/// layer1.0 of a BasicBlock ResNet keeps 64 channels too and is offered optionally. Adaptors: docs/adaptors.md.
/// </summary>
public sealed class ResNetFamily : IArchitectureFamily
{
    public IReadOnlyList<ArchitectureSpec> Architectures { get; } =
    [
        Variant("resnet18", [2, 2, 2, 2], bottleneck: false),
        Variant("resnet34", [3, 4, 6, 3], bottleneck: false),
        Variant("resnet50", [3, 4, 6, 3], bottleneck: true),
        Variant("resnet101", [3, 4, 23, 3], bottleneck: true),
        Variant("resnet152", [3, 8, 36, 3], bottleneck: true),
    ];

    private static ArchitectureSpec Variant(string name, int[] stageLengths, bool bottleneck) =>
        Staged(name, 1000, 224, stageLengths, optionalFirst: !bottleneck, descriptor => new ResNet(descriptor, bottleneck),
            ResNet.StagePlanes, bottleneck ? Bottleneck.HiddenConvs : BasicBlock.HiddenConvs);

    /// <summary>
    /// An architecture of stages layer1, layer2, … as torchvision's _make_layer builds them: a stage's block 0 changes
    /// the shape (stride, channels), the others are droppable; each stage is one run of the stream's width.
    /// </summary>
    /// <param name="stagePlanes">Each stage's planes, the width of every hidden conv of its blocks.</param>
    /// <param name="hiddenConvs">The block's convs whose outputs stay inside it (channel pruning's candidates).</param>
    internal static ArchitectureSpec Staged(string name, long classes, long imageSize, int[] stageLengths, bool optionalFirst,
        Func<ArchitectureDescriptor, PrunableModel> build, long[] stagePlanes, string[] hiddenConvs)
    {
        var stages = stageLengths.Select((length, stage) => Enumerable.Range(0, length).Select(index => $"layer{stage + 1}.{index}").ToList()).ToList();
        var blocks = stages.SelectMany(stage => stage).ToList();
        var droppable = blocks.Where(block => !block.EndsWith(".0", StringComparison.Ordinal)).ToList();
        var hidden = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var stage = 0; stage < stages.Count; stage++)
            foreach (var block in stages[stage])
                foreach (var conv in hiddenConvs)
                    hidden[$"{block}.{conv}"] = stagePlanes[stage];
        return new(name, classes, imageSize, blocks, droppable, optionalFirst ? ["layer1.0"] : [], stages, HasStages: true, build, hidden);
    }

    /// <summary>A residual block's skip in ONNX: the input itself, or the projection.</summary>
    internal static string SkipToOnnx(OnnxGraph graph, string input, string path, Sequential? downsample) =>
        downsample is null ? input : graph.Emit(downsample, input, $"{path}.downsample");

    /// <summary>The stream convs of a residual block: its own and, where the shape changes, the projection skip's.</summary>
    internal static IEnumerable<string> WithDownsample(string path, string conv, Sequential? downsample) =>
        downsample is null ? [$"{path}.{conv}"] : [$"{path}.{conv}", $"{path}.downsample.0"];
}

/// <summary>
/// torchvision's ResNet with its state_dict names. Stages hold only the kept blocks, so a pruned model has exactly the
/// keys torchvision's _make_layer gives for the pruned stage lengths.
/// </summary>
public sealed class ResNet : PrunableModel
{
    internal ResNet(ArchitectureDescriptor architecture, bool bottleneck) : base(architecture)
    {
        var expansion = bottleneck ? Bottleneck.expansion : BasicBlock.expansion;
        Func<string, long, long, long, nn.Module<Tensor, Tensor>> block = bottleneck
            ? (name, inplanes, planes, stride) => new Bottleneck(inplanes, planes, stride, HiddenWidth(name, "conv1", planes), HiddenWidth(name, "conv2", planes))
            : (name, inplanes, planes, stride) => new BasicBlock(inplanes, planes, stride, HiddenWidth(name, "conv1", planes));
        conv1 = nn.Conv2d(architecture.InChannels, 64, 7, 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU();
        maxpool = nn.MaxPool2d(3, 2, padding: 1);
        long channels = 64;
        layer1 = MakeLayer("layer1", KeptIndices("layer1"), block, ref channels, 64, expansion, 1);
        layer2 = MakeLayer("layer2", KeptIndices("layer2"), block, ref channels, 128, expansion, 2);
        layer3 = MakeLayer("layer3", KeptIndices("layer3"), block, ref channels, 256, expansion, 2);
        layer4 = MakeLayer("layer4", KeptIndices("layer4"), block, ref channels, 512, expansion, 2);
        fc = nn.Linear(512 * expansion, architecture.NumClasses);
        RegisterComponents();
    }

    /// <summary>torchvision's planes per stage.</summary>
    internal static readonly long[] StagePlanes = [64, 128, 256, 512];

    public readonly Conv2d conv1;
    public readonly BatchNorm2d bn1;
    public readonly ReLU relu;
    public readonly MaxPool2d maxpool;
    public readonly Sequential layer1;
    public readonly Sequential layer2;
    public readonly Sequential layer3;
    public readonly Sequential layer4;
    public readonly Linear fc;

    public override nn.Module<Tensor, Tensor> classifier => fc;

    public override IReadOnlyList<FeatureSegment> Segments => StagedSegments(Stem, layer1, layer2, layer3, layer4);

    public override string SegmentOf(string originalBlock) => Split(originalBlock).container;

    private Tensor Stem(Tensor input)
    {
        using var scope = NewDisposeScope();
        return maxpool.call(relu.call(bn1.call(conv1.call(input)))).MoveToOuterDisposeScope();
    }

    internal override string FeaturesToOnnx(OnnxGraph graph, string input) =>
        graph.Chain(input, "", ("conv1", conv1), ("bn1", bn1), ("relu", relu), ("maxpool", maxpool),
            ("layer1", layer1), ("layer2", layer2), ("layer3", layer3), ("layer4", layer4));

    /// <summary>The segments of a network of stages layer1, layer2, …: the stem, then each stage.</summary>
    internal static IReadOnlyList<FeatureSegment> StagedSegments(Func<Tensor, Tensor> stem, params Sequential[] stages) =>
        [new("stem", stem), .. stages.Select((stage, index) => new FeatureSegment($"layer{index + 1}", stage.call))];

    /// <summary>
    /// torchvision's _make_layer restricted to the kept original indices: block 0 of a stage takes the previous
    /// stage's channels and the stride, every later block maps planes·expansion to itself (which is why those are
    /// droppable, and why a pruned stage equals an unpruned one of the shorter length). The block factory gets the
    /// block's original name, for its hidden widths.
    /// </summary>
    internal static Sequential MakeLayer(string stage, IReadOnlyList<int> kept, Func<string, long, long, long, nn.Module<Tensor, Tensor>> block,
        ref long channels, long planes, long expansion, long stride)
    {
        var inplanes = channels;
        var blocks = kept.Select(index => index == 0 ? block($"{stage}.0", inplanes, planes, stride) : block($"{stage}.{index}", planes * expansion, planes, 1)).ToArray();
        if (blocks.Length > 0) channels = planes * expansion;
        return nn.Sequential(blocks);
    }
}

/// <summary>
/// torchvision's ResNet BasicBlock: two 3×3 convs and a skip (1×1 conv + BN when the shape changes). conv1's outputs
/// (width, planes unless channel-pruned) are hidden: only conv2 reads them.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>, IAdaptableBlock, IOnnxExportable, IChannelPrunableBlock
{
    public const long expansion = 1;

    internal static readonly string[] HiddenConvs = ["conv1"];

    public BasicBlock(long inplanes, long planes, long stride = 1, long? width = null) : base(nameof(BasicBlock))
    {
        var hidden = width ?? planes;
        conv1 = nn.Conv2d(inplanes, hidden, 3, stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(hidden);
        relu = nn.ReLU();
        conv2 = nn.Conv2d(hidden, planes, 3, 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        downsample = Downsample.IfNeeded(inplanes, planes * expansion, stride);
        RegisterComponents();
    }

    public readonly Conv2d conv1;
    public readonly BatchNorm2d bn1;
    public readonly ReLU relu;
    public readonly Conv2d conv2;
    public readonly BatchNorm2d bn2;
    public readonly Sequential? downsample;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(input)))));
        output.add_(downsample is null ? input : downsample.call(input));
        return relu.call(output).MoveToOuterDisposeScope();
    }

    public string ToOnnx(OnnxGraph graph, string input, string path)
    {
        var output = graph.Chain(input, path, ("conv1", conv1), ("bn1", bn1), ("relu", relu), ("conv2", conv2), ("bn2", bn2));
        return graph.Relu(graph.Add(output, ResNetFamily.SkipToOnnx(graph, input, path, downsample), path), $"{path}.relu_1");
    }

    public IEnumerable<string> StreamWriters(string path) => ResNetFamily.WithDownsample(path, "conv2", downsample);

    public IEnumerable<string> StreamReaders(string path) => ResNetFamily.WithDownsample(path, "conv1", downsample);

    public IReadOnlyList<HiddenLayer> HiddenLayers { get; } = [new("conv1", ["conv1", "bn1"], "conv2", "bn2")];
}

/// <summary>
/// torchvision's ResNet V1.5 Bottleneck: 1×1 reduce, 3×3 (carrying the stride), 1×1 expand ×4, and a skip. conv1's
/// and conv2's outputs (planes each unless channel-pruned) are hidden.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>, IAdaptableBlock, IOnnxExportable, IChannelPrunableBlock
{
    public const long expansion = 4;

    internal static readonly string[] HiddenConvs = ["conv1", "conv2"];

    public Bottleneck(long inplanes, long planes, long stride = 1, long? width1 = null, long? width2 = null) : base(nameof(Bottleneck))
    {
        var (hidden1, hidden2) = (width1 ?? planes, width2 ?? planes);
        conv1 = nn.Conv2d(inplanes, hidden1, 1, bias: false);
        bn1 = nn.BatchNorm2d(hidden1);
        conv2 = nn.Conv2d(hidden1, hidden2, 3, stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(hidden2);
        conv3 = nn.Conv2d(hidden2, planes * expansion, 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * expansion);
        relu = nn.ReLU();
        downsample = Downsample.IfNeeded(inplanes, planes * expansion, stride);
        RegisterComponents();
    }

    public readonly Conv2d conv1;
    public readonly BatchNorm2d bn1;
    public readonly Conv2d conv2;
    public readonly BatchNorm2d bn2;
    public readonly Conv2d conv3;
    public readonly BatchNorm2d bn3;
    public readonly ReLU relu;
    public readonly Sequential? downsample;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = relu.call(bn1.call(conv1.call(input)));
        output = bn3.call(conv3.call(relu.call(bn2.call(conv2.call(output)))));
        output.add_(downsample is null ? input : downsample.call(input));
        return relu.call(output).MoveToOuterDisposeScope();
    }

    public string ToOnnx(OnnxGraph graph, string input, string path)
    {
        // relu is one module applied three times; torch.onnx names the repeats relu_1, relu_2 too.
        var output = graph.Chain(input, path, ("conv1", conv1), ("bn1", bn1), ("relu", relu), ("conv2", conv2), ("bn2", bn2));
        output = graph.Chain(graph.Relu(output, $"{path}.relu_1"), path, ("conv3", conv3), ("bn3", bn3));
        return graph.Relu(graph.Add(output, ResNetFamily.SkipToOnnx(graph, input, path, downsample), path), $"{path}.relu_2");
    }

    /// <summary>conv3, the conv that writes the stream, where the reference adapts conv2 (docs/adaptors.md).</summary>
    public IEnumerable<string> StreamWriters(string path) => ResNetFamily.WithDownsample(path, "conv3", downsample);

    public IEnumerable<string> StreamReaders(string path) => ResNetFamily.WithDownsample(path, "conv1", downsample);

    public IReadOnlyList<HiddenLayer> HiddenLayers { get; } =
        [new("conv1", ["conv1", "bn1"], "conv2", "bn2"), new("conv2", ["conv2", "bn2"], "conv3", "bn3")];
}

/// <summary>The projection skip of torchvision's _make_layer (option B of He et al.): 1×1 conv with stride, then BN.</summary>
internal static class Downsample
{
    public static Sequential? IfNeeded(long inplanes, long outplanes, long stride) =>
        stride == 1 && inplanes == outplanes
            ? null
            : nn.Sequential(nn.Conv2d(inplanes, outplanes, 1, stride, bias: false), nn.BatchNorm2d(outplanes));
}
