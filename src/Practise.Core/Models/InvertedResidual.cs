using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// MobileNetV2's block as torchvision names it: conv.0 the 1×1 expansion (absent when t = 1), then the 3×3 depthwise
/// ConvBNActivation, the 1×1 linear projection conv and its BN; a skip when stride 1 keeps the channel count.
/// </summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    public InvertedResidual(long inp, long oup, long stride, long expand_ratio) : base(nameof(InvertedResidual))
    {
        var hidden = inp * expand_ratio;
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
