using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Practise.Core.Tests.Parity;

/// <summary>Forward and backward of torch.nn.functional layers against PyTorch (tests/fixtures/make_functional.py).</summary>
// Alone: the dropout case seeds torch's global generator, which tests running beside it would draw from.
[Collection(LiveTensorCountCollection.Name)]
public class FunctionalParityTests
{
    private static void Check(string name, Func<FixtureSet, torch.Tensor> op) => GradientParity.Check($"functional/{name}.safetensors", op);

    [Theory]
    [InlineData("conv2d_basic", new long[] { 1, 1 }, new long[] { 0, 0 }, new long[] { 1, 1 }, 1)]
    [InlineData("conv2d_stride2_padding", new long[] { 2, 2 }, new long[] { 1, 1 }, new long[] { 1, 1 }, 1)]
    [InlineData("conv2d_dilation_nobias", new long[] { 1, 1 }, new long[] { 2, 1 }, new long[] { 2, 2 }, 1)]
    [InlineData("conv2d_groups", new long[] { 1, 2 }, new long[] { 0, 0 }, new long[] { 1, 1 }, 2)]
    [InlineData("conv2d_depthwise", new long[] { 1, 1 }, new long[] { 1, 1 }, new long[] { 1, 1 }, 4)]
    public void Conv2d(string name, long[] stride, long[] padding, long[] dilation, long groups) =>
        Check(name, f => functional.conv2d(f["input"], f["weight"], f.Optional("bias"), stride, padding, dilation, groups));

    [Fact]
    public void Conv2dDefaultsAreStrideOnePaddingZeroDilationOne() =>
        Check("conv2d_basic", f => functional.conv2d(f["input"], f["weight"], f["bias"]));

    [Fact]
    public void Conv2dShapeErrorCarriesLibtorchMessage()
    {
        using var input = torch.zeros(1, 5, 8, 8);
        using var weight = torch.zeros(4, 3, 3, 3);
        var error = Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => functional.conv2d(input, weight));
        Assert.Contains("expected input[1, 5, 8, 8] to have 3 channels, but got 5 channels instead", error.Message);
    }

    [Fact]
    public void BatchNormTrainingUsesBatchStatsAndUpdatesRunningStats() =>
        Check("batch_norm_train", f => functional.batch_norm(f["input"], f["running_mean"], f["running_var"], f["weight"], f["bias"],
            training: true, momentum: 0.2, eps: 1e-3));

    [Fact]
    public void BatchNormEvalUsesRunningStats() =>
        Check("batch_norm_eval", f => functional.batch_norm(f["input"], f["running_mean"], f["running_var"], f["weight"], f["bias"]));

    [Fact]
    public void BatchNormTrainingWithoutRunningStatsOrAffine() =>
        Check("batch_norm_train_no_stats", f => functional.batch_norm(f["input"], null, null, training: true));

    [Fact]
    public void LayerNormWithAffine() =>
        Check("layer_norm_affine", f => functional.layer_norm(f["input"], [4, 5], f["weight"], f["bias"], eps: 1e-4));

    [Fact]
    public void LayerNormWithoutAffine() => Check("layer_norm_plain", f => functional.layer_norm(f["input"], [5]));

    [Theory]
    [InlineData("linear")]
    [InlineData("linear_3d_nobias")]
    public void Linear(string name) => Check(name, f => functional.linear(f["input"], f["weight"], f.Optional("bias")));

    [Fact]
    public void Relu() => Check("relu", f => functional.relu(f["input"]));

    [Fact]
    public void Relu6() => Check("relu6", f => functional.relu6(f["input"]));


    [Fact]
    public void GeluExact() => Check("gelu", f => functional.gelu(f["input"]));

    [Fact]
    public void GeluTanhApproximation() => Check("gelu_tanh", f => functional.gelu(f["input"], TorchSharp.Modules.GELU.Approximate.tanh));

    [Fact]
    public void Softmax() => Check("softmax", f => functional.softmax(f["input"], 1));

    [Fact]
    public void LogSoftmaxNegativeDim() => Check("log_softmax", f => functional.log_softmax(f["input"], -1));

    [Fact]
    public void DropoutDrawsPyTorchsMaskFromTheSameSeed() =>
        Check("dropout_train", f =>
        {
            // The fixture seeded PyTorch's CPU generator right before F.dropout; libtorch's generator is the same one.
            torch.manual_seed(1234);
            return functional.dropout(f["input"], 0.3);
        });

    [Fact]
    public void DropoutIsIdentityWhenNotTraining() => Check("dropout_eval", f => functional.dropout(f["input"], 0.3, training: false));

    [Fact]
    public void DropoutRejectsProbabilityOutsideZeroToOne()
    {
        using var input = torch.ones(3);
        Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => functional.dropout(input, 1.5));
    }
}
