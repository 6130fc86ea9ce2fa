using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Practise.Core.Tests.Parity;

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
        Check(name, f => functional.cross_entropy(f["input"], f["target"], reduction: reduction, label_smoothing: labelSmoothing));

    // TorchSharp's Reduction has no "batchmean"; the engine sums (Selection/CriterionScorer.cs). Its kl_div defaults
    // to log_target = true where PyTorch's is false, so every call here states it.
    [Theory]
    [InlineData("kl_div_mean", Reduction.Mean, false)]
    [InlineData("kl_div_sum", Reduction.Sum, false)]
    [InlineData("kl_div_none_log_target", Reduction.None, true)]
    public void KlDiv(string name, Reduction reduction, bool logTarget) =>
        Check(name, f => functional.kl_div(f["input"], f["target"], log_target: logTarget, reduction: reduction));
}
