using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Torch.Modules;

/// <summary>Batch normalisation with running statistics (updated in train mode, used in eval mode).</summary>
public sealed class BatchNorm2d : nn.Module<Tensor, Tensor>
{
    public BatchNorm2d(long num_features, double eps = 1e-5, double momentum = 0.1)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        weight = nn.Parameter.Adopt(ones(num_features));
        bias = nn.Parameter.Adopt(zeros(num_features));
        running_mean = zeros(num_features);
        running_var = ones(num_features);
        // torchvision checkpoints carry it, so strict loading needs it even though momentum makes it unused.
        num_batches_tracked = zeros([], int64);
        RegisterComponents();
    }

    public long num_features { get; }
    public double eps { get; }
    public double momentum { get; }

    public readonly nn.Parameter weight;
    public readonly nn.Parameter bias;
    public readonly Tensor running_mean;
    public readonly Tensor running_var;
    public readonly Tensor num_batches_tracked;

    public override Tensor forward(Tensor input)
    {
        if (training)
        {
            using (no_grad()) num_batches_tracked.add_(1);
        }
        return F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}
