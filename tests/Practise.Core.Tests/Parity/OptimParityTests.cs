using Practise.Core.Training;
using Practise.Testing;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Parity;

/// <summary>
/// TorchSharp's optimizers against PyTorch's parameter trajectories (tests/fixtures/make_optim.py), fed PyTorch's
/// gradients; SGD is what the engine and the example teacher train with.
/// </summary>
[Collection(LiveTensorCountCollection.Name)]
public class OptimParityTests
{
    private const int Steps = 5;

    // Same settings as CASES in make_optim.py.
    public static TheoryData<string> Cases => ["sgd", "sgd_momentum_decay", "sgd_nesterov", "sgd_maximize", "adam", "adam_decay", "adam_amsgrad", "adam_maximize"];

    public static TheoryData<string> SgdCases => ["sgd", "sgd_momentum_decay", "sgd_nesterov", "sgd_maximize"];

    private static optim.Optimizer Create(string name, Parameter[] parameters) => name switch
    {
        "sgd" => optim.SGD(parameters, 0.1),
        "sgd_momentum_decay" => optim.SGD(parameters, 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01),
        "sgd_nesterov" => optim.SGD(parameters, 0.05, momentum: 0.9, weight_decay: 0.001, nesterov: true),
        "sgd_maximize" => optim.SGD(parameters, 0.02, momentum: 0.5, maximize: true),
        "adam" => optim.Adam(parameters, lr: 0.05),
        "adam_decay" => optim.Adam(parameters, lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 0.1),
        "adam_amsgrad" => optim.Adam(parameters, lr: 0.05, beta2: 0.6, amsgrad: true),
        "adam_maximize" => optim.Adam(parameters, lr: 0.01, maximize: true, weight_decay: 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FollowsPyTorchTrajectory(string name)
    {
        var before = LiveTensors.Count;
        using (var fixture = Fixtures.Load($"optim/{name}.safetensors"))
        using (NewDisposeScope())
        {
            var (weight, bias) = Initial(fixture);
            using var optimizer = Create(name, [weight, bias]);
            for (var step = 0; step < Steps; step++) StepAndCompare(optimizer, fixture, weight, bias, step, name);
        }
        Assert.Equal(before, LiveTensors.Count);
    }

    /// <summary>Stop after two steps, move SgdState into a fresh optimizer on fresh parameters: the rest still follows PyTorch.</summary>
    [Theory]
    [MemberData(nameof(SgdCases))]
    public void ResumesFromItsSavedState(string name)
    {
        using var fixture = Fixtures.Load($"optim/{name}.safetensors");
        using var scope = NewDisposeScope();
        var (weight, bias) = Initial(fixture);
        Dictionary<string, Tensor> state;
        using (var first = (SGD)Create(name, [weight, bias]))
        {
            for (var step = 0; step < 2; step++) StepAndCompare(first, fixture, weight, bias, step, name);
            state = SgdState.Save(first);
        }
        Assert.Equal(name == "sgd" ? [] : ["0.momentum_buffer", "1.momentum_buffer"], state.Keys.Order(StringComparer.Ordinal));

        var resumedWeight = new Parameter(weight.detach().clone());
        var resumedBias = new Parameter(bias.detach().clone());
        using var resumed = (SGD)Create(name, [resumedWeight, resumedBias]);
        SgdState.Load(resumed, state);
        foreach (var saved in state.Values) saved.Dispose(); // the optimizer holds copies
        for (var step = 2; step < Steps; step++) StepAndCompare(resumed, fixture, resumedWeight, resumedBias, step, $"{name} resumed");
    }

    [Fact]
    public void RefusesStateForParametersItDoesNotHave()
    {
        using var scope = NewDisposeScope();
        using var sgd = optim.SGD([new Parameter(ones(3))], 0.1, momentum: 0.9);
        Assert.Throws<ArgumentException>(() => SgdState.Load(sgd, new Dictionary<string, Tensor> { ["0.exp_avg"] = zeros(3) }));
        Assert.Throws<ArgumentException>(() => SgdState.Load(sgd, new Dictionary<string, Tensor> { ["5.momentum_buffer"] = zeros(3) }));
    }

    private static (Parameter weight, Parameter bias) Initial(FixtureSet fixture) =>
        (new Parameter(fixture["init.weight"].clone()), new Parameter(fixture["init.bias"].clone()));

    private static void StepAndCompare(optim.Optimizer optimizer, FixtureSet fixture, Parameter weight, Parameter bias, int step, string what)
    {
        optimizer.zero_grad();
        weight.grad = fixture[$"grad.{step}.weight"];
        bias.grad = fixture[$"grad.{step}.bias"];
        optimizer.step();
        TensorAssert.Close(fixture[$"param.{step}.weight"], weight, rtol: 1e-5, atol: 1e-6, what: $"{what} step {step} weight");
        TensorAssert.Close(fixture[$"param.{step}.bias"], bias, rtol: 1e-5, atol: 1e-6, what: $"{what} step {step} bias");
    }
}
