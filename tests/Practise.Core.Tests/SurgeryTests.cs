using Practise.Contract;
using Practise.Core.Architectures;
using Practise.Core.Models;
using Practise.Manifest;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>Dropping blocks against PyTorch models with the same blocks deleted from their Sequential.</summary>
public class SurgeryTests
{
    [Theory]
    [InlineData("resnet34", 0)]
    [InlineData("resnet34", 1)]
    [InlineData("mobilenet_v2", 0)]
    [InlineData("mobilenet_v2", 1)]
    [InlineData("resnet20_cifar", 0)]
    [InlineData("resnet20_cifar", 1)]
    public void PrunedModelMatchesPyTorchOutputsAndStateDict(string arch, int subset)
    {
        using var fixture = Practise.Testing.Fixtures.Load($"models/{arch}.safetensors");
        using var teacher = ModelFixtures.CreateWithFormulaWeights(arch);
        var dropped = ModelFixtures.DroppedBlocks($"{arch}/pruned{subset}");
        using var pruned = BlockSurgery.Prune(teacher, dropped);

        Assert.Equal(ModelFixtures.StateDictShapes($"{arch}/pruned{subset}"), ModelFixtures.Shapes(pruned));
        Assert.Equal(dropped, pruned.Architecture.DroppedBlocks);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        ParityTests.AssertClose(fixture[$"pruned{subset}.features"], pruned.features(fixture["input"]), "features");
        ParityTests.AssertClose(fixture[$"pruned{subset}.logits"], pruned.call(fixture["input"]), "logits");
    }

    [Fact]
    public void SavedPrunedModelReloadsWithTheSameWeightsAndDescriptor()
    {
        using var teacher = ModelFixtures.CreateWithFormulaWeights("resnet20_cifar");
        using var pruned = BlockSurgery.Prune(teacher, ["layer1.0", "layer2.2"]);
        var directory = Directory.CreateTempSubdirectory("practise-zoo-").FullName;
        try
        {
            PrunedModelFiles.Save(pruned, directory, new InputSettings(1, new ImageSize(28, 28), [0.5], [0.25]));
            using var loaded = PrunedModelFiles.Load(directory);
            Assert.Equal(pruned.Architecture, loaded.Architecture);
            Assert.Equal([2, 2, 3], loaded.Architecture.StageLengths);
            Assert.Equal(ModelHash.Compute(pruned), ModelHash.Compute(loaded));
            Assert.Contains("\"dropped_blocks\"", File.ReadAllText(Path.Combine(directory, ArtifactNames.Descriptor)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ReportsKeepOriginalNamesAcrossSuccessivePrunes()
    {
        using var teacher = ModelZoo.Create("resnet34");
        using var once = BlockSurgery.Prune(teacher, ["layer3.2"]);
        using var twice = BlockSurgery.Prune(once, ["layer3.4", "layer1.1"]);
        using var direct = BlockSurgery.Prune(teacher, ["layer1.1", "layer3.2", "layer3.4"]);

        Assert.Equal(["layer1.1", "layer3.2", "layer3.4"], twice.Architecture.DroppedBlocks);
        Assert.Equal("layer3.2", once.BlockPaths["layer3.3"]);
        Assert.Equal("layer3.2", twice.BlockPaths["layer3.3"]);
        Assert.Equal("layer3.3", twice.BlockPaths["layer3.5"]);
        Assert.Equal("layer3.5", twice.OriginalName("layer3.3"));
        Assert.DoesNotContain("layer3.2", twice.DroppableBlocks());
        Assert.Equal(9, twice.DroppableBlocks().Count);
        Assert.Same(twice.Block("layer3.5"), ((ResNet)twice).layer3[3]);
        Assert.Equal(ModelHash.Compute(direct), ModelHash.Compute(twice));
    }

    [Fact]
    public void PrunedWeightsAreCopiesOfTheTeachers()
    {
        using var teacher = ModelZoo.Create("resnet20_cifar");
        using var pruned = BlockSurgery.Prune(teacher, ["layer2.1"]);
        var teacherState = teacher.state_dict();
        var prunedState = pruned.state_dict();
        Assert.Equal(teacherState["layer2.2.conv1.weight"].data<float>().ToArray(), prunedState["layer2.1.conv1.weight"].data<float>().ToArray());
        Assert.Equal(teacherState["fc.weight"].data<float>().ToArray(), prunedState["fc.weight"].data<float>().ToArray());
        using (no_grad()) nn.init.zeros_(prunedState["fc.weight"]);
        Assert.NotEqual(teacherState["fc.weight"].data<float>().ToArray(), prunedState["fc.weight"].data<float>().ToArray());
    }

    [Theory]
    [InlineData("resnet34", "layer2.0")]
    [InlineData("resnet50", "layer1.0")]
    [InlineData("mobilenet_v2", "features.4")]
    [InlineData("resnet18", "layer9.1")]
    public void NonDroppableBlocksAreRefusedByName(string arch, string block)
    {
        using var teacher = ModelZoo.Create(arch);
        var error = Assert.Throws<ArgumentException>(() => BlockSurgery.Prune(teacher, [block]));
        Assert.Contains(block, error.Message, StringComparison.Ordinal);
    }
}
