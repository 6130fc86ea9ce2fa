using Practise.Core.Models;

namespace Practise.Core.Tests;

/// <summary>Droppable blocks per docs/algorithm.md, descriptors and Describe (the registry itself: ArchitectureRegistryTests).</summary>
public class ZooTests
{
    [Fact]
    public void ResNet34HasTheTwelveReferenceBlocks() =>
        Assert.Equal(
            ["layer1.1", "layer1.2", "layer2.1", "layer2.2", "layer2.3", "layer3.1", "layer3.2", "layer3.3", "layer3.4", "layer3.5", "layer4.1", "layer4.2"],
            ModelZoo.DroppableBlocks("resnet34"));

    [Fact]
    public void MobileNetV2HasTheTenResidualInvertedBlocks() =>
        Assert.Equal(
            ["features.3", "features.5", "features.6", "features.8", "features.9", "features.10", "features.12", "features.13", "features.15", "features.16"],
            ModelZoo.DroppableBlocks("mobilenet_v2"));

    [Fact]
    public void FirstBasicBlockIsOfferedOnlyWhenAskedAndOnlyForBasicBlockResNets()
    {
        Assert.Equal(["layer1.1", "layer2.1", "layer3.1", "layer4.1"], ModelZoo.DroppableBlocks("resnet18"));
        Assert.Equal(["layer1.0", "layer1.1", "layer2.1", "layer3.1", "layer4.1"], ModelZoo.DroppableBlocks("resnet18", includeFirstBasicBlock: true));
        Assert.Equal(ModelZoo.DroppableBlocks("resnet50"), ModelZoo.DroppableBlocks("resnet50", includeFirstBasicBlock: true));
        Assert.Equal(ModelZoo.DroppableBlocks("mobilenet_v2"), ModelZoo.DroppableBlocks("mobilenet_v2", includeFirstBasicBlock: true));
        Assert.Equal(6, ModelZoo.DroppableBlocks("resnet20_cifar").Count);
        Assert.Equal("layer1.0", ModelZoo.DroppableBlocks("resnet20_cifar", includeFirstBasicBlock: true)[0]);
        Assert.Equal(33 - 4, ModelZoo.DroppableBlocks("resnet101").Count);
        Assert.Equal(50 - 4, ModelZoo.DroppableBlocks("resnet152").Count);
        Assert.Equal(3 * 8, ModelZoo.DroppableBlocks("resnet56_cifar").Count);
    }

    [Fact]
    public void ModelDroppableBlocksMatchTheRegistry()
    {
        using var model = ModelZoo.Create("resnet18", numClasses: 7, inChannels: 1);
        Assert.Equal(ModelZoo.DroppableBlocks("resnet18", true), model.DroppableBlocks(includeFirstBasicBlock: true));
        Assert.Equal([7L, 512], model.state_dict()["fc.weight"].shape);
        Assert.Equal([64L, 1, 7, 7], model.state_dict()["conv1.weight"].shape);
    }

    [Fact]
    public void DescriptorRoundTripsThroughJsonAndRejectsInconsistentOnes()
    {
        var descriptor = ModelZoo.Without(ModelZoo.Original("resnet34"), ["layer3.2", "layer1.1"]);
        Assert.Equal([2, 4, 5, 3], descriptor.StageLengths);
        Assert.Equal(["layer1.1", "layer3.2"], descriptor.DroppedBlocks);
        Assert.Equal(descriptor, ArchitectureDescriptor.FromJson(descriptor.ToJson()));
        Assert.StartsWith("{\"arch\":\"resnet34\",\"num_classes\":1000,\"in_channels\":3,\"stage_lengths\":[2,4,5,3],", descriptor.ToCanonicalJson(), StringComparison.Ordinal);
        var mobile = ModelZoo.Without(ModelZoo.Original("mobilenet_v2"), ["features.5"]);
        Assert.DoesNotContain("stage_lengths", mobile.ToCanonicalJson(), StringComparison.Ordinal);

        var wrongLengths = descriptor.ToJson().Replace("[\n    2,", "[\n    3,", StringComparison.Ordinal);
        Assert.Contains("stage_lengths", Assert.Throws<FormatException>(() => ArchitectureDescriptor.FromJson(wrongLengths)).Message, StringComparison.Ordinal);
        var undroppable = descriptor with { DroppedBlocks = ["layer2.0"] };
        Assert.Contains("layer2.0", Assert.Throws<FormatException>(() => ModelZoo.Validate(undroppable)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ModelZoo.Original("vgg16"));
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    [InlineData("mobilenet_v2")]
    [InlineData("resnet20_cifar")]
    public void DescribeCountsParametersAndMultiplyAddsAsPyTorch(string arch)
    {
        var expected = ModelFixtures.Description(arch);
        var description = ModelZoo.Describe(arch, expected.GetProperty("image_size").GetInt64(), inChannels: expected.GetProperty("in_channels").GetInt64());
        Assert.Equal(expected.GetProperty("parameters").GetInt64(), description.Parameters);
        Assert.Equal(expected.GetProperty("multiply_adds").GetInt64(), description.MultiplyAdds);
        Assert.Equal(ModelZoo.DroppableBlocks(arch), description.DroppableBlocks);
        Assert.True(description.BlockMultiplyAdds.Values.Sum() < description.MultiplyAdds);
        Assert.All(description.DroppableBlocks, block => Assert.True(description.BlockMultiplyAdds[block] > 0, block));
    }

    [Fact]
    public void DescribeSplitsMultiplyAddsPerBlock()
    {
        // ResNet-34 layer3.1 at 224²: two 3×3 convs 256→256 on 14×14.
        var description = ModelZoo.Describe("resnet34");
        Assert.Equal(2L * 14 * 14 * 256 * 256 * 9, description.BlockMultiplyAdds["layer3.1"]);
        Assert.Equal(["layer1.0"], description.OptionalDroppableBlocks);
    }
}
