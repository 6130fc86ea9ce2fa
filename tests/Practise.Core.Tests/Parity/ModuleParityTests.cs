using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Parity;

/// <summary>A small net with every module type against the same net in PyTorch (tests/fixtures/make_modules.py).</summary>
public class ModuleParityTests
{
    internal static nn.Module<Tensor, Tensor> SmallNet() => nn.Sequential(
        nn.Conv2d(3, 8, 3, padding: 1, bias: false),
        nn.BatchNorm2d(8),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 8, 3, stride: 1, padding: 1, groups: 2),
        nn.BatchNorm2d(8),
        nn.ReLU6(),
        nn.Identity(),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Dropout(0.0),
        nn.Linear(8, 5));

    private static Dictionary<string, Tensor> Prefixed(FixtureSet fixture, string prefix) =>
        fixture.Names.Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[prefix.Length..], name => fixture[name]);

    [Fact]
    public void StateDictHasTorchvisionStyleNames()
    {
        using var fixture = Fixtures.Load("modules/small_net.safetensors");
        using var net = SmallNet();
        var expected = Prefixed(fixture, "state.").Keys.Order(StringComparer.Ordinal);
        Assert.Equal(expected, net.state_dict().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EvalForwardMatchesPyTorch()
    {
        using var fixture = Fixtures.Load("modules/small_net.safetensors");
        using var net = SmallNet();
        net.load_state_dict(Prefixed(fixture, "state."));
        net.eval();
        using var output = net.call(fixture["input"]);
        TensorAssert.Close(fixture["eval_output"], output, rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void TrainStepMatchesPyTorchIncludingRunningStatsAndGradients()
    {
        using var fixture = Fixtures.Load("modules/small_net.safetensors");
        using var net = SmallNet();
        net.load_state_dict(Prefixed(fixture, "state."));
        net.train();
        using (var scope = NewDisposeScope())
        {
            var output = net.call(fixture["input"]);
            TensorAssert.Close(fixture["train_output"], output, rtol: 1e-5, atol: 1e-6);
            output.pow(2).mean().backward();
        }
        foreach (var (name, tensor) in Prefixed(fixture, "after_train."))
            TensorAssert.Close(tensor, net.state_dict()[name], rtol: 1e-5, atol: 1e-6, what: name);
        foreach (var (name, parameter) in net.named_parameters())
        {
            using var grad = parameter.grad ?? throw new Xunit.Sdk.XunitException($"{name} has no gradient");
            TensorAssert.Close(fixture[$"grad.{name}"], grad, rtol: 1e-5, atol: 1e-6, what: name);
        }
    }
}
