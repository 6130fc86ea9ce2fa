using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>Each architecture against torchvision (or the fixture's reference CIFAR ResNet) with formula weights.</summary>
public class ParityTests
{
    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    [InlineData("resnet50")]
    [InlineData("mobilenet_v2")]
    [InlineData("resnet20_cifar")]
    [InlineData("resnet32_cifar")]
    public void StateDictKeysAndShapesEqualPyTorchInOrder(string arch)
    {
        using var model = ModelFixtures.CreateWithFormulaWeights(arch);
        Assert.Equal(ModelFixtures.StateDictShapes(arch), ModelFixtures.Shapes(model));
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    [InlineData("resnet50")]
    [InlineData("mobilenet_v2")]
    [InlineData("resnet20_cifar")]
    [InlineData("resnet32_cifar")]
    public void LogitsAndFeaturesMatchPyTorch(string arch)
    {
        using var fixture = Fixtures.Load($"models/{arch}.safetensors");
        using var model = ModelFixtures.CreateWithFormulaWeights(arch);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        AssertClose(fixture["features"], model.features(fixture["input"]), $"{arch} features");
        AssertClose(fixture["logits"], model.call(fixture["input"]), $"{arch} logits");
    }

    /// <summary>
    /// 1e-4 relative, plus an absolute floor of 1e-5 of the largest magnitude: float32 rounding in a deep net
    /// scales with the activations, not with each (possibly near-zero) element.
    /// </summary>
    internal static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        using var magnitude = expected.abs().max();
        TensorAssert.Close(expected, actual, rtol: 1e-4, atol: 1e-5 * magnitude.ToDouble(), what: what);
    }
}
