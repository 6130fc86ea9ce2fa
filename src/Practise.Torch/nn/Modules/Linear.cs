using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Torch.Modules;

public sealed class Linear : nn.Module<Tensor, Tensor>
{
    public Linear(long in_features, long out_features, bool bias = true)
    {
        this.in_features = in_features;
        this.out_features = out_features;
        weight = nn.Parameter.Adopt(empty(out_features, in_features));
        nn.init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias)
        {
            var bound = 1 / Math.Sqrt(in_features);
            this.bias = nn.Parameter.Adopt(empty(out_features));
            nn.init.uniform_(this.bias, -bound, bound);
        }
        RegisterComponents();
    }

    public long in_features { get; }
    public long out_features { get; }

    public readonly nn.Parameter weight;
    public readonly nn.Parameter? bias;

    public override Tensor forward(Tensor input) => F.linear(input, weight, bias);
}
