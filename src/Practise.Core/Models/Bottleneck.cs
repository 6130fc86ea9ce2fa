using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>torchvision's ResNet V1.5 Bottleneck: 1×1 reduce, 3×3 (carrying the stride), 1×1 expand ×4, and a skip.</summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    public const long expansion = 4;

    public Bottleneck(long inplanes, long planes, long stride = 1) : base(nameof(Bottleneck))
    {
        conv1 = nn.Conv2d(inplanes, planes, 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, 3, stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = nn.Conv2d(planes, planes * expansion, 1, bias: false);
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
}
