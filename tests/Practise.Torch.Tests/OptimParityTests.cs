using Practise.Testing;
using Practise.Torch;
using Practise.Torch.Optim;
using static Practise.Torch.torch;

namespace Practise.Torch.Tests;

/// <summary>Parameter trajectories against PyTorch's (tests/fixtures/make_optim.py), fed PyTorch's gradients.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class OptimParityTests
{
    private const int Steps = 5;

    // Same settings as CASES in make_optim.py.
    public static TheoryData<string> Cases => ["sgd", "sgd_momentum_decay", "sgd_nesterov", "sgd_maximize", "adam", "adam_decay", "adam_amsgrad", "adam_maximize"];

    private static Optimizer Create(string name, Tensor[] parameters) => name switch
    {
        "sgd" => optim.SGD(parameters, lr: 0.1),
        "sgd_momentum_decay" => optim.SGD(parameters, lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01),
        "sgd_nesterov" => optim.SGD(parameters, lr: 0.05, momentum: 0.9, weight_decay: 0.001, nesterov: true),
        "sgd_maximize" => optim.SGD(parameters, lr: 0.02, momentum: 0.5, maximize: true),
        "adam" or "adam_steplr" => optim.Adam(parameters, lr: 0.05),
        "adam_decay" => optim.Adam(parameters, lr: 0.05, beta1: 0.8, beta2: 0.99, eps: 1e-6, weight_decay: 0.1),
        "adam_amsgrad" => optim.Adam(parameters, lr: 0.05, beta2: 0.6, amsgrad: true),
        "adam_maximize" => optim.Adam(parameters, lr: 0.01, maximize: true, weight_decay: 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void FollowsPyTorchTrajectory(string name) => Replay(name, schedule: null);

    [Fact]
    public void LearningRateSetBetweenStepsActsLikeAScheduler() =>
        Replay("adam_steplr", schedule: step => optim.lr_scheduler.StepLR(step, baseLr: 0.05, stepSize: 2, gamma: 0.5));

    /// <summary>Stop after two steps, move state_dict into a fresh optimizer on fresh parameters, and the rest still follows PyTorch.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void ResumesFromItsStateDict(string name)
    {
        var before = LiveTensorCount;
        using (var fixture = Fixtures.Load($"optim/{name}.safetensors"))
        using (NewDisposeScope())
        {
            var weight = fixture["init.weight"].clone().requires_grad_();
            var bias = fixture["init.bias"].clone().requires_grad_();
            Dictionary<string, Tensor> state;
            using (var first = Create(name, [weight, bias]))
            {
                for (var step = 0; step < 2; step++) Step(first, fixture, weight, bias, step);
                state = first.state_dict();
            }
            var expectedNames = name.StartsWith("adam", StringComparison.Ordinal)
                ? name == "adam_amsgrad" ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"] : new[] { "exp_avg", "exp_avg_sq", "step" }
                : name == "sgd" ? [] : ["momentum_buffer"];
            Assert.Equal(expectedNames.SelectMany(n => new[] { $"0.{n}", $"1.{n}" }).Order(StringComparer.Ordinal), state.Keys.Order(StringComparer.Ordinal));

            var resumedWeight = weight.detach().clone().requires_grad_();
            var resumedBias = bias.detach().clone().requires_grad_();
            using var resumed = Create(name, [resumedWeight, resumedBias]);
            resumed.load_state_dict(state);
            foreach (var saved in state.Values) saved.Dispose(); // the optimizer holds copies
            for (var step = 2; step < Steps; step++)
            {
                Step(resumed, fixture, resumedWeight, resumedBias, step);
                TensorAssert.Close(fixture[$"param.{step}.weight"], resumedWeight, rtol: 1e-5, atol: 1e-6, what: $"{name} resumed step {step} weight");
                TensorAssert.Close(fixture[$"param.{step}.bias"], resumedBias, rtol: 1e-5, atol: 1e-6, what: $"{name} resumed step {step} bias");
            }
        }
        Assert.Equal(before, LiveTensorCount);
    }

    [Fact]
    public void RefusesStateOfAnotherKind()
    {
        using var scope = NewDisposeScope();
        var weight = ones([3], requires_grad: true);
        using var sgd = optim.SGD([weight], lr: 0.1, momentum: 0.9);
        Assert.Throws<ArgumentException>(() => sgd.load_state_dict(new Dictionary<string, Tensor> { ["0.exp_avg"] = zeros([3]) }));
        Assert.Throws<ArgumentException>(() => sgd.load_state_dict(new Dictionary<string, Tensor> { ["5.momentum_buffer"] = zeros([3]) }));
    }

    private static void Step(Optimizer optimizer, FixtureSet fixture, Tensor weight, Tensor bias, int step)
    {
        optimizer.zero_grad();
        weight.grad = fixture[$"grad.{step}.weight"];
        bias.grad = fixture[$"grad.{step}.bias"];
        optimizer.step();
    }

    private static void Replay(string name, Func<int, double>? schedule)
    {
        var before = LiveTensorCount;
        using (var fixture = Fixtures.Load($"optim/{name}.safetensors"))
        using (NewDisposeScope())
        {
            var weight = fixture["init.weight"].clone().requires_grad_();
            var bias = fixture["init.bias"].clone().requires_grad_();
            using var optimizer = Create(name, [weight, bias]);
            for (var step = 0; step < Steps; step++)
            {
                if (schedule is not null) optimizer.LearningRate = schedule(step);
                optimizer.zero_grad();
                weight.grad = fixture[$"grad.{step}.weight"];
                bias.grad = fixture[$"grad.{step}.bias"];
                optimizer.step();
                TensorAssert.Close(fixture[$"param.{step}.weight"], weight, rtol: 1e-5, atol: 1e-6, what: $"{name} step {step} weight");
                TensorAssert.Close(fixture[$"param.{step}.bias"], bias, rtol: 1e-5, atol: 1e-6, what: $"{name} step {step} bias");
            }
        }
        Assert.Equal(before, LiveTensorCount);
    }
}
