using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>torchvision's ResNet BasicBlock: two 3×3 convs and a skip (1×1 conv + BN when the shape changes).</summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    public const long expansion = 1;

    public BasicBlock(long inplanes, long planes, long stride = 1) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inplanes, planes, 3, stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        relu = nn.ReLU();
        conv2 = nn.Conv2d(planes, planes, 3, 1, padding: 1, bias: false);
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
}

/// <summary>The projection skip of torchvision's _make_layer (option B of He et al.): 1×1 conv with stride, then BN.</summary>
internal static class Downsample
{
    public static Sequential? IfNeeded(long inplanes, long outplanes, long stride) =>
        stride == 1 && inplanes == outplanes
            ? null
            : nn.Sequential(nn.Conv2d(inplanes, outplanes, 1, stride, bias: false), nn.BatchNorm2d(outplanes));
}
