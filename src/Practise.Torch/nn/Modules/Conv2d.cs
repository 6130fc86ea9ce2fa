using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Torch.Modules;

public sealed class Conv2d : nn.Module<Tensor, Tensor>
{
    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
    {
        if (in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentException($"channels ({in_channels} in, {out_channels} out) must be divisible by groups ({groups})", nameof(groups));
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = kernel_size;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        // PyTorch's default: kaiming_uniform(a=√5) for the weight, U(±1/√fan_in) for the bias.
        weight = nn.Parameter.Adopt(empty([out_channels, in_channels / groups, kernel_size, kernel_size]));
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        register_parameter(nameof(weight), weight);
        if (bias)
        {
            var bound = 1 / Math.Sqrt(nn.init.Fan(weight));
            this.bias = nn.Parameter.Adopt(empty(out_channels));
            nn.init.uniform_(this.bias, -bound, bound);
            register_parameter(nameof(bias), this.bias);
        }
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long kernel_size { get; }
    public long stride { get; }
    public long padding { get; }
    public long dilation { get; }
    public long groups { get; }

    public nn.Parameter weight { get; private set; }

    public nn.Parameter? bias { get; private set; }

    public override Tensor forward(Tensor input) =>
        F.conv2d(input, weight, bias, [stride, stride], [padding, padding], [dilation, dilation], groups);

    /// <summary>Replaces the weights (e.g. after folding an adaptor in); shapes may change along the channel dims.</summary>
    public void SetWeights(Tensor newWeight, Tensor? newBias)
    {
        weight.Dispose();
        weight = new nn.Parameter(newWeight);
        register_parameter(nameof(weight), weight);
        if (newBias is null) return;
        bias?.Dispose();
        bias = new nn.Parameter(newBias);
        register_parameter(nameof(bias), bias);
    }
}
