using Practise.Torch.Modules;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true) =>
            new(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias);

        public static BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1) => new(num_features, eps, momentum);

        public static Linear Linear(long in_features, long out_features, bool bias = true) => new(in_features, out_features, bias);

        public static ReLU ReLU() => new();

        public static ReLU6 ReLU6() => new();

        public static Identity Identity() => new();

        public static Dropout Dropout(double p = 0.5) => new(p);

        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);

        public static MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long padding = 0) => new(kernel_size, stride, padding);

        public static AdaptiveAvgPool2d AdaptiveAvgPool2d(long output_size) => new(output_size, output_size);

        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => new(modules);
    }
}
