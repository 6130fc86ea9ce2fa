using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// torchvision's ResNet (resnet18 … resnet152) with its state_dict names. Stages hold only the kept blocks, so a
/// pruned model has exactly the keys torchvision's _make_layer gives for the pruned stage lengths.
/// </summary>
public sealed class ResNet : PrunableModel
{
    internal ResNet(ArchitectureDescriptor architecture, bool bottleneck) : base(architecture)
    {
        var expansion = bottleneck ? Bottleneck.expansion : BasicBlock.expansion;
        Func<long, long, long, nn.Module<Tensor, Tensor>> block = bottleneck
            ? (inplanes, planes, stride) => new Bottleneck(inplanes, planes, stride)
            : (inplanes, planes, stride) => new BasicBlock(inplanes, planes, stride);
        conv1 = nn.Conv2d(architecture.InChannels, 64, 7, 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU();
        maxpool = nn.MaxPool2d(3, 2, padding: 1);
        long channels = 64;
        layer1 = MakeLayer(KeptIndices("layer1"), block, ref channels, 64, expansion, 1);
        layer2 = MakeLayer(KeptIndices("layer2"), block, ref channels, 128, expansion, 2);
        layer3 = MakeLayer(KeptIndices("layer3"), block, ref channels, 256, expansion, 2);
        layer4 = MakeLayer(KeptIndices("layer4"), block, ref channels, 512, expansion, 2);
        fc = nn.Linear(512 * expansion, architecture.NumClasses);
        RegisterComponents();
    }

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

    public override IReadOnlyList<FeatureSegment> Segments =>
    [
        new("stem", input =>
        {
            using var scope = NewDisposeScope();
            return maxpool.call(relu.call(bn1.call(conv1.call(input)))).MoveToOuterDisposeScope();
        }),
        new("layer1", layer1.call), new("layer2", layer2.call), new("layer3", layer3.call), new("layer4", layer4.call),
    ];

    public override string SegmentOf(string originalBlock) => Split(originalBlock).container;

    /// <summary>
    /// torchvision's _make_layer restricted to the kept original indices: block 0 of a stage takes the previous
    /// stage's channels and the stride, every later block maps planes·expansion to itself (which is why those are
    /// droppable, and why a pruned stage equals an unpruned one of the shorter length).
    /// </summary>
    internal static Sequential MakeLayer(IReadOnlyList<int> kept, Func<long, long, long, nn.Module<Tensor, Tensor>> block,
        ref long channels, long planes, long expansion, long stride)
    {
        var inplanes = channels;
        var blocks = kept.Select(index => index == 0 ? block(inplanes, planes, stride) : block(planes * expansion, planes, 1)).ToArray();
        if (blocks.Length > 0) channels = planes * expansion;
        return nn.Sequential(blocks);
    }
}
