using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// ResNet-20/32/44/56 for 32×32 (or 28×28) images as in He et al. 2016 §4.2: a 3×3 stem and three stages of
/// (depth − 2)/6 BasicBlocks with 16, 32 and 64 channels. Where the shape changes the skip is a 1×1 conv + BN
/// (option B) rather than the paper's zero-padding identity (option A): it reuses torchvision's BasicBlock and
/// naming (layerN.i.downsample.0/1), so the same surgery, adaptor placement and PyTorch rebuild apply.
/// </summary>
public sealed class CifarResNet : PrunableModel
{
    internal CifarResNet(ArchitectureDescriptor architecture) : base(architecture)
    {
        Func<long, long, long, nn.Module<Tensor, Tensor>> block = (inplanes, planes, stride) => new BasicBlock(inplanes, planes, stride);
        conv1 = nn.Conv2d(architecture.InChannels, 16, 3, 1, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(16);
        relu = nn.ReLU();
        long channels = 16;
        layer1 = ResNet.MakeLayer(KeptIndices("layer1"), block, ref channels, 16, BasicBlock.expansion, 1);
        layer2 = ResNet.MakeLayer(KeptIndices("layer2"), block, ref channels, 32, BasicBlock.expansion, 2);
        layer3 = ResNet.MakeLayer(KeptIndices("layer3"), block, ref channels, 64, BasicBlock.expansion, 2);
        fc = nn.Linear(64, architecture.NumClasses);
        RegisterComponents();
    }

    public readonly Conv2d conv1;
    public readonly BatchNorm2d bn1;
    public readonly ReLU relu;
    public readonly Sequential layer1;
    public readonly Sequential layer2;
    public readonly Sequential layer3;
    public readonly Linear fc;

    public override nn.Module<Tensor, Tensor> classifier => fc;

    public override IReadOnlyList<FeatureSegment> Segments =>
    [
        new("stem", input =>
        {
            using var scope = NewDisposeScope();
            return relu.call(bn1.call(conv1.call(input))).MoveToOuterDisposeScope();
        }),
        new("layer1", layer1.call), new("layer2", layer2.call), new("layer3", layer3.call),
    ];

    public override string SegmentOf(string originalBlock) => Split(originalBlock).container;
}
