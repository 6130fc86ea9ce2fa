using Practise.Testing;
using Practise.Torch;
using Practise.Torch.Optim;
using static Practise.Torch.torch;

namespace Practise.Torch.Tests;

/// <summary>Optimizer bookkeeping: groups, zero_grad, ownership of state, argument checks.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class OptimizerTests
{
    [Fact]
    public void EachGroupStepsWithItsOwnLearningRate()
    {
        using var fixture = Fixtures.Load("optim/sgd.safetensors");
        using var scope = NewDisposeScope();
        var weight = fixture["init.weight"].clone().requires_grad_();
        var bias = fixture["init.bias"].clone().requires_grad_();
        using var optimizer = optim.SGD([new ParamGroup([weight]), new ParamGroup([bias], lr: 0)], lr: 0.1);
        Assert.Equal([0.1, 0.0], optimizer.param_groups.Select(group => group.LearningRate));
        weight.grad = fixture["grad.0.weight"];
        bias.grad = fixture["grad.0.bias"];
        optimizer.step();
        TensorAssert.Close(fixture["param.0.weight"], weight, rtol: 1e-5, atol: 1e-6);
        Assert.Equal(fixture["init.bias"].data<float>(), bias.data<float>());
    }

    [Fact]
    public void ParametersWithoutGradientAreLeftAlone()
    {
        using var scope = NewDisposeScope();
        var weight = ones([3], requires_grad: true);
        var frozen = ones([2], requires_grad: true);
        using var optimizer = optim.Adam([weight, frozen], lr: 0.1);
        weight.grad = full([3], 2.0);
        optimizer.step();
        // Adam's first step moves every element by lr against the gradient's sign (up to eps).
        Assert.All(weight.data<float>(), value => Assert.Equal(0.9f, value, 1e-6f));
        Assert.Equal([1f, 1f], frozen.data<float>());
    }

    [Fact]
    public void ZeroGradDropsOrZeroesTheGradient()
    {
        using var scope = NewDisposeScope();
        var weight = ones([2, 2], requires_grad: true);
        using var optimizer = optim.SGD([weight], lr: 0.1);
        var gradient = full([2, 2], 3.0);
        weight.grad = gradient;
        optimizer.zero_grad(set_to_none: false);
        Assert.Equal(new float[4], gradient.data<float>());
        Assert.NotNull(weight.grad);
        optimizer.zero_grad();
        Assert.Null(weight.grad);
    }

    [Fact]
    public void StateSurvivesScopesAndIsReleasedByDispose()
    {
        var before = LiveTensorCount;
        var weight = ones([4], requires_grad: true);
        var optimizer = optim.Adam([weight], amsgrad: true);
        using (NewDisposeScope())
        {
            weight.grad = full([4], 0.5);
            optimizer.step();
        }
        // The caller's handle may go; the optimizer keeps its own.
        weight.Dispose();
        using (NewDisposeScope())
        {
            optimizer.step();
            optimizer.param_groups[0].Parameters[0].grad = null;
        }
        Assert.True(LiveTensorCount > before);
        optimizer.Dispose();
        Assert.Equal(before, LiveTensorCount);
        Assert.Throws<ObjectDisposedException>(optimizer.step);
    }

    [Fact]
    public void LearningRateSetsEveryGroup()
    {
        using var scope = NewDisposeScope();
        using var optimizer = optim.SGD([new ParamGroup([zeros(1)], lr: 0.5), new ParamGroup([zeros(1)])], lr: 0.1);
        Assert.Equal(0.5, optimizer.LearningRate);
        optimizer.LearningRate = 0.01;
        Assert.All(optimizer.param_groups, group => Assert.Equal(0.01, group.LearningRate));
    }

    [Fact]
    public void RejectsInvalidArgumentsLikePyTorch()
    {
        using var scope = NewDisposeScope();
        var weight = zeros(2);
        Assert.Throws<ArgumentException>(() => optim.SGD(Array.Empty<Tensor>(), lr: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.SGD([weight], lr: -1));
        Assert.Throws<ArgumentException>(() => optim.SGD([weight], lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => optim.SGD([weight], lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam([weight], beta1: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => optim.Adam([weight], eps: -1e-8));
        Assert.Throws<ArgumentException>(() => optim.Adam([new ParamGroup([weight]), new ParamGroup([weight])]));
    }
}
