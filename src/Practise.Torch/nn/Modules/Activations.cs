using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Torch.Modules;

// Parameter-free modules: each is a named wrapper over one functional call, kept here together.

public sealed class ReLU : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => F.relu(input);
}

public sealed class ReLU6 : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => F.relu6(input);
}

/// <summary>Returns its input as a new handle (callers dispose results uniformly).</summary>
public sealed class Identity : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.alias();
}

public sealed class Dropout(double p = 0.5) : nn.Module<Tensor, Tensor>
{
    public double p { get; } = p;

    public override Tensor forward(Tensor input) => F.dropout(input, p, training);
}

public sealed class Flatten(long start_dim = 1, long end_dim = -1) : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}

public sealed class MaxPool2d(long kernel_size, long? stride = null, long padding = 0) : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) =>
        F.max_pool2d(input, [kernel_size, kernel_size], [stride ?? kernel_size, stride ?? kernel_size], [padding, padding]);
}

public sealed class AdaptiveAvgPool2d(long output_height, long output_width) : nn.Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => F.adaptive_avg_pool2d(input, [output_height, output_width]);
}
