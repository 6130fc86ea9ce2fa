using static Practise.Torch.torch;

namespace Practise.Torch.Tests;

public class ModuleTests
{
    [Fact]
    public void LoadingMismatchedWeightsListsEveryBadKeyAndChangesNothing()
    {
        using var net = ModuleParityTests.SmallNet();
        using var before = net.state_dict()["0.weight"].clone();
        var weights = net.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value);
        weights.Remove("1.running_var");
        using var extra = zeros(3);
        weights["head.weight"] = extra;
        using var wrong = zeros(5, 7);
        weights["11.weight"] = wrong;

        var error = Assert.Throws<StateDictMismatchException>(() => net.load_state_dict(weights));

        Assert.Equal(["1.running_var"], error.Missing);
        Assert.Equal(["head.weight"], error.Unexpected);
        Assert.Single(error.MisShaped);
        Assert.Contains("11.weight: model [5, 8] vs weights [5, 7]", error.Message);
        Assert.Contains("missing keys: 1.running_var", error.Message);
        using var after = net.state_dict()["0.weight"].clone();
        Assert.Equal(before.data<float>(), after.data<float>());
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        using var net = ModuleParityTests.SmallNet();
        net.eval();
        Assert.All(net.named_modules(), pair => Assert.False(pair.module.training));
        net.train();
        Assert.All(net.named_modules(), pair => Assert.True(pair.module.training));
    }

    [Fact]
    public void ForwardHookSeesAndCanReplaceOutput()
    {
        using var layer = nn.Linear(3, 2);
        using var input = ones(1, 3);
        long[]? seen = null;
        using (layer.register_forward_hook((_, _, output) =>
        {
            seen = output.shape;
            return output;
        }))
        {
            using var output = layer.call(input);
        }
        Assert.Equal(new long[] { 1, 2 }, seen);

        seen = null;
        using var unhooked = layer.call(input);
        Assert.Null(seen);
    }
}
