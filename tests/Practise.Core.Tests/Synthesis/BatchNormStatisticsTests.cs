using Practise.Core.Synthesis;
using Practise.Core.Tests.Parity;
using Practise.Manifest;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Synthesis;

/// <summary>DeepInversion's loss terms against NVlabs' own formulas in PyTorch (tests/fixtures/make_synthesis.py).</summary>
public class BatchNormStatisticsTests
{
    private const string Fixture = "synthesis/bn_statistics.safetensors";

    private static nn.Module<Tensor, Tensor> LoadedNet(FixtureSet fixture)
    {
        var net = ModuleParityTests.SmallNet();
        net.load_state_dict(fixture.Names.Where(name => name.StartsWith("state.", StringComparison.Ordinal))
            .ToDictionary(name => name["state.".Length..], name => fixture[name]));
        net.eval();
        return net;
    }

    [Fact]
    public void Each_layer_term_the_weighted_sum_and_the_input_gradient_match_pytorch()
    {
        using var fixture = Fixtures.Load(Fixture);
        using var net = LoadedNet(fixture);
        using var loss = new BatchNormStatisticsLoss(net);
        using var scope = NewDisposeScope();
        var input = fixture["input"].clone().requires_grad_(true);

        net.call(input);
        var statistics = loss.Take();
        var (tv, l2) = (ImagePriors.TotalVariation(input), ImagePriors.L2(input));
        statistics.add(tv).add(l2).backward();

        Assert.Equal(2, loss.Layers);
        TensorAssert.Close(fixture["bn_loss"], statistics, rtol: 1e-5, atol: 1e-5);
        TensorAssert.Close(fixture["tv"], tv, rtol: 1e-5, atol: 1e-5);
        TensorAssert.Close(fixture["l2"], l2, rtol: 1e-5, atol: 1e-5);
        TensorAssert.Close(fixture["input_grad"], input.grad!, rtol: 1e-4, atol: 1e-6);
    }

    [Fact]
    public void One_layers_term_is_the_distance_to_its_running_statistics()
    {
        using var fixture = Fixtures.Load(Fixture);
        using var net = LoadedNet(fixture);
        var first = net.modules().OfType<TorchSharp.Modules.BatchNorm2d>().First();
        var conv = net.modules().OfType<TorchSharp.Modules.Conv2d>().First();
        using var scope = NewDisposeScope();

        var term = BatchNormStatisticsLoss.Term(conv.call(fixture["input"]), first.running_mean!, first.running_var!);

        TensorAssert.Close(fixture["term.0"], term, rtol: 1e-5, atol: 1e-5);
    }

    [Fact]
    public void Take_needs_a_forward_since_the_last_one()
    {
        using var fixture = Fixtures.Load(Fixture);
        using var net = LoadedNet(fixture);
        using var loss = new BatchNormStatisticsLoss(net);
        using var scope = NewDisposeScope();

        net.call(fixture["input"]);
        loss.Take();

        Assert.Throws<InvalidOperationException>(() => loss.Take());
    }

    [Fact]
    public void Hooks_are_removed_on_dispose()
    {
        using var fixture = Fixtures.Load(Fixture);
        using var net = LoadedNet(fixture);
        using var scope = NewDisposeScope();
        var before = net.call(fixture["input"]);
        using (new BatchNormStatisticsLoss(net)) net.call(fixture["input"]);

        var after = net.call(fixture["input"]);

        TensorAssert.Close(before, after, rtol: 0, atol: 0);
    }

    [Fact]
    public void A_model_without_batchnorm_cannot_be_inverted()
    {
        using var net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10));
        var settings = new SyntheticSource(4, 1, 0, 0.25, 4, 0.01, 1e-4, 1e-5, 0.125);
        var input = new InputSettings(1, new ImageSize(8, 8), [0.5], [0.5]);

        Assert.Equal(0, BatchNormStatisticsLoss.LayersOf(net));
        Assert.Throws<ArgumentException>(() => new DeepInversion(net, settings, input, CPU));
    }
}
