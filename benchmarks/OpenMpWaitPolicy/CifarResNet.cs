using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

/// <summary>ResNet-20 for 32×32 images (He et al. 2016, §4.2): 3 stages × 3 basic blocks of 16, 32 and 64 channels.</summary>
internal static class CifarResNet
{
    public static Module<Tensor, Tensor> ResNet20(int classes = 10)
    {
        var layers = new List<Module<Tensor, Tensor>> { Conv2d(3, 16, 3, padding: 1, bias: false), BatchNorm2d(16), ReLU() };
        long channels = 16;
        foreach (var (width, stride) in new[] { (16L, 1L), (32L, 2L), (64L, 2L) })
        {
            for (var block = 0; block < 3; block++)
            {
                layers.Add(new BasicBlock(channels, width, block == 0 ? stride : 1));
                channels = width;
            }
        }
        layers.AddRange([AdaptiveAvgPool2d(1), Flatten(), Linear(channels, classes)]);
        return Sequential(layers);
    }

    private sealed class BasicBlock : Module<Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> residual;
        private readonly Module<Tensor, Tensor> shortcut;

        public BasicBlock(long input, long output, long stride) : base(nameof(BasicBlock))
        {
            residual = Sequential(
                Conv2d(input, output, 3, stride: stride, padding: 1, bias: false), BatchNorm2d(output), ReLU(),
                Conv2d(output, output, 3, padding: 1, bias: false), BatchNorm2d(output));
            // A 1×1 projection where the shape changes (option B); identity otherwise.
            shortcut = stride == 1 && input == output
                ? Identity()
                : Sequential(Conv2d(input, output, 1, stride: stride, bias: false), BatchNorm2d(output));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => functional.relu(residual.call(input) + shortcut.call(input));
    }
}
