using Practise.Core.Models;
using Practise.Torch;
using static Practise.Torch.torch;

namespace Practise.Core.Tests;

/// <summary>Weights that do not fit fail loudly with every offending key; hashes follow weights and descriptors.</summary>
public class WeightLoadingTests
{
    [Fact]
    public void MissingExtraAndMisShapedKeysAreAllListed()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        using var scope = NewDisposeScope();
        var weights = model.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.clone());
        weights.Remove("layer2.1.bn1.running_var");
        weights["layer3.3.conv1.weight"] = zeros(64, 64, 3, 3);
        weights["fc.weight"] = zeros(1000, 64);

        var error = Assert.Throws<StateDictMismatchException>(() => model.load_state_dict(weights));
        Assert.Equal(["layer2.1.bn1.running_var"], error.Missing);
        Assert.Equal(["layer3.3.conv1.weight"], error.Unexpected);
        Assert.Single(error.MisShaped, entry => entry.StartsWith("fc.weight", StringComparison.Ordinal));
        Assert.Contains("layer2.1.bn1.running_var", error.Message, StringComparison.Ordinal);
        Assert.Contains("layer3.3.conv1.weight", error.Message, StringComparison.Ordinal);
        Assert.Contains("fc.weight", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PrunedWeightsDoNotLoadIntoTheUnprunedArchitecture()
    {
        using var teacher = ModelZoo.Create("resnet20_cifar");
        using var pruned = BlockSurgery.Prune(teacher, ["layer3.2"]);
        var error = Assert.Throws<StateDictMismatchException>(() => teacher.load_state_dict(pruned.state_dict()));
        Assert.Contains("layer3.2.conv1.weight", error.Missing);
        Assert.Empty(error.Unexpected);
    }

    [Fact]
    public void HashChangesWithAnyWeightOrTheDescriptorAndOnlyThen()
    {
        using var first = ModelZoo.Create("resnet20_cifar");
        using var second = ModelZoo.Create("resnet20_cifar");
        FormulaWeights.Apply(first);
        FormulaWeights.Apply(second);
        var hash = ModelHash.Compute(first);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, ModelHash.Compute(second));

        using (no_grad())
        using (var one = ones(1))
        {
            second.state_dict()["layer2.1.bn2.running_mean"].narrow(0, 3, 1).add_(one);
        }
        Assert.NotEqual(hash, ModelHash.Compute(second));

        using var otherInput = ModelZoo.Create("resnet20_cifar", numClasses: 10, inChannels: 1);
        FormulaWeights.Apply(otherInput);
        Assert.NotEqual(hash, ModelHash.Compute(otherInput));
    }
}
