using Practise.Testing;
using static Practise.Torch.torch.nn;

namespace Practise.Torch.Tests;

/// <summary>Losses against PyTorch, value and gradient w.r.t. the input (tests/fixtures/make_functional.py).</summary>
public class LossParityTests
{
    private static void Check(string name, Func<FixtureSet, torch.Tensor> op) => GradientParity.Check($"functional/{name}.safetensors", op);

    [Theory]
    [InlineData("mse_loss_none", Reduction.None)]
    [InlineData("mse_loss_mean", Reduction.Mean)]
    [InlineData("mse_loss_sum", Reduction.Sum)]
    public void MseLoss(string name, Reduction reduction) => Check(name, f => functional.mse_loss(f["input"], f["target"], reduction));

    [Fact]
    public void MseLossDefaultsToMean() => Check("mse_loss_mean", f => functional.mse_loss(f["input"], f["target"]));

    [Theory]
    [InlineData("cross_entropy_mean", Reduction.Mean, 0.0)]
    [InlineData("cross_entropy_sum", Reduction.Sum, 0.0)]
    [InlineData("cross_entropy_smoothing", Reduction.Mean, 0.1)]
    [InlineData("cross_entropy_smoothing_none", Reduction.None, 0.2)]
    [InlineData("cross_entropy_spatial", Reduction.Mean, 0.05)]
    public void CrossEntropy(string name, Reduction reduction, double labelSmoothing) =>
        Check(name, f => functional.cross_entropy(f["input"], f["target"], reduction, labelSmoothing));

    [Theory]
    [InlineData("kl_div_batchmean", Reduction.BatchMean, false)]
    [InlineData("kl_div_mean", Reduction.Mean, false)]
    [InlineData("kl_div_sum", Reduction.Sum, false)]
    [InlineData("kl_div_none_log_target", Reduction.None, true)]
    [InlineData("kl_div_batchmean_log_target", Reduction.BatchMean, true)]
    public void KlDiv(string name, Reduction reduction, bool logTarget) =>
        Check(name, f => functional.kl_div(f["input"], f["target"], reduction, logTarget));

    [Fact]
    public void BatchMeanIsOnlyForKlDiv()
    {
        using var input = torch.zeros(2, 3);
        using var classes = torch.zeros([2], torch.int64);
        Assert.Throws<ArgumentException>(() => functional.mse_loss(input, input, Reduction.BatchMean));
        Assert.Throws<ArgumentException>(() => functional.cross_entropy(input, classes, Reduction.BatchMean));
    }
}
