using Practise.Core.Models;
using Practise.Core.Serialization;
using TorchSharp;
using static TorchSharp.torch;

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

        var error = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(model, weights));
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
        var error = Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(teacher, pruned.state_dict()));
        Assert.Contains("layer3.2.conv1.weight", error.Missing);
        Assert.Empty(error.Unexpected);
    }

    /// <summary>
    /// Many exporters drop BatchNorm's num_batches_tracked; PyTorch's load_state_dict(strict=True) accepts such
    /// weights, and so must we: torchvision's resnet18 with the formula weights, saved without them, still gives
    /// PyTorch's logits (tests/fixtures/make_models.py).
    /// </summary>
    [Fact]
    public void TorchvisionWeightsWithoutNumBatchesTrackedLoadAndMatchPyTorch()
    {
        using var directory = new Practise.Testing.TemporaryDirectory();
        var path = directory.File("resnet18-no-num-batches-tracked.safetensors");
        using (var source = ModelFixtures.CreateWithFormulaWeights("resnet18"))
        {
            var exported = source.state_dict().Where(pair => !pair.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value);
            Assert.True(exported.Count < source.state_dict().Count);
            Safetensors.Save(path, exported);
        }
        using var model = ModelZoo.Create("resnet18");
        StateDicts.LoadFile(model, path);
        model.eval();
        using var fixture = Practise.Testing.Fixtures.Load("models/resnet18.safetensors");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        ParityTests.AssertClose(fixture["logits"], model.call(fixture["input"]), "resnet18 logits");
    }

    [Fact]
    public void OtherMissingKeysStillFailLikePyTorch()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        var weights = model.state_dict().Where(pair => pair.Key != "bn1.running_mean").ToDictionary(pair => pair.Key, pair => pair.Value);
        Assert.Equal(["bn1.running_mean"], Assert.Throws<StateDictMismatchException>(() => StateDicts.Load(model, weights)).Missing);
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
