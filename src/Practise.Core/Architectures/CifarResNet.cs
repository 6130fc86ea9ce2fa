using Practise.Core.Models;
using Practise.Core.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Architectures;

/// <summary>
/// ResNet-20/32/44/56 for 32×32 (or 28×28) images, as He et al. 2016 §4.2 (no torchvision counterpart; PyTorch rebuild:
/// docs/pruned-models.md). Three stages of (depth − 2)/6 BasicBlocks; as in torchvision's ResNets a stage's later
/// blocks are droppable, and layer1.0 (16 → 16 channels) optionally. Adaptors: those of <see cref="BasicBlock"/>.
/// </summary>
public sealed class CifarResNetFamily : IArchitectureFamily
{
    public IReadOnlyList<ArchitectureSpec> Architectures { get; } = [Depth(20), Depth(32), Depth(44), Depth(56)];

    private static ArchitectureSpec Depth(int depth)
    {
        var n = (depth - 2) / 6;
        return ResNetFamily.Staged($"resnet{depth}_cifar", 10, 32, [n, n, n], optionalFirst: true, descriptor => new CifarResNet(descriptor),
            CifarResNet.StagePlanes, BasicBlock.HiddenConvs);
    }
}

/// <summary>
/// The CIFAR ResNet model: a 3×3 stem and three stages with 16, 32 and 64 channels. Where the shape changes the skip
/// is a 1×1 conv + BN (option B) rather than the paper's zero-padding identity (option A): it reuses torchvision's
/// BasicBlock and naming (layerN.i.downsample.0/1), so the same surgery, adaptor placement and PyTorch rebuild apply.
/// </summary>
public sealed class CifarResNet : PrunableModel
{
    internal CifarResNet(ArchitectureDescriptor architecture) : base(architecture)
    {
        Func<string, long, long, long, nn.Module<Tensor, Tensor>> block =
            (name, inplanes, planes, stride) => new BasicBlock(inplanes, planes, stride, HiddenWidth(name, "conv1", planes));
        conv1 = nn.Conv2d(architecture.InChannels, 16, 3, 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(16);
        relu = nn.ReLU();
        long channels = 16;
        layer1 = ResNet.MakeLayer("layer1", KeptIndices("layer1"), block, ref channels, 16, BasicBlock.expansion, 1);
        layer2 = ResNet.MakeLayer("layer2", KeptIndices("layer2"), block, ref channels, 32, BasicBlock.expansion, 2);
        layer3 = ResNet.MakeLayer("layer3", KeptIndices("layer3"), block, ref channels, 64, BasicBlock.expansion, 2);
        fc = nn.Linear(64, architecture.NumClasses);
        RegisterComponents();
    }

    /// <summary>Planes per stage (He et al. §4.2).</summary>
    internal static readonly long[] StagePlanes = [16, 32, 64];

    public readonly Conv2d conv1;
    public readonly BatchNorm2d bn1;
    public readonly ReLU relu;
    public readonly Sequential layer1;
    public readonly Sequential layer2;
    public readonly Sequential layer3;
    public readonly Linear fc;

    public override nn.Module<Tensor, Tensor> classifier => fc;

    public override IReadOnlyList<FeatureSegment> Segments => ResNet.StagedSegments(Stem, layer1, layer2, layer3);

    public override string SegmentOf(string originalBlock) => Split(originalBlock).container;

    private Tensor Stem(Tensor input)
    {
        using var scope = NewDisposeScope();
        return relu.call(bn1.call(conv1.call(input))).MoveToOuterDisposeScope();
    }

    internal override string FeaturesToOnnx(OnnxGraph graph, string input) =>
        graph.Chain(input, "", ("conv1", conv1), ("bn1", bn1), ("relu", relu), ("layer1", layer1), ("layer2", layer2), ("layer3", layer3));
}
