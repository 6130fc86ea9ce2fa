namespace Practise.Core.Models;

/// <summary>An architecture's fixed facts: its blocks in original names and how to build it from a descriptor.</summary>
internal sealed record ArchitectureSpec(
    string Name,
    long DefaultNumClasses,
    long DefaultImageSize,
    IReadOnlyList<string> Blocks,
    IReadOnlyList<string> Droppable,
    IReadOnlyList<string> OptionalDroppable,
    bool HasStages,
    Func<ArchitectureDescriptor, PrunableModel> Build)
{
    /// <summary>torchvision ResNets: blocks with index ≥ 1 are droppable; layer1.0 optionally for BasicBlock ones.</summary>
    public static ArchitectureSpec ResNet(string name, int[] stageLengths, bool bottleneck) =>
        Staged(name, 1000, 224, stageLengths, optionalFirst: !bottleneck, descriptor => new ResNet(descriptor, bottleneck));

    /// <summary>CIFAR ResNets of depth 6n + 2: three stages of n BasicBlocks (layer1.0 keeps 16 channels: optional).</summary>
    public static ArchitectureSpec CifarResNet(int depth)
    {
        var n = (depth - 2) / 6;
        return Staged($"resnet{depth}_cifar", 10, 32, [n, n, n], optionalFirst: true, descriptor => new CifarResNet(descriptor));
    }

    /// <summary>The residual inverted blocks (stride 1, same channels) are the droppable ones.</summary>
    public static ArchitectureSpec MobileNetV2()
    {
        var blocks = Enumerable.Range(0, Models.MobileNetV2.FeatureCount).Select(index => $"features.{index}").ToList();
        int[] residual = [3, 5, 6, 8, 9, 10, 12, 13, 15, 16];
        return new("mobilenet_v2", 1000, 224, blocks, residual.Select(index => $"features.{index}").ToList(), [], HasStages: false,
            descriptor => new MobileNetV2(descriptor));
    }

    private static ArchitectureSpec Staged(string name, long classes, long imageSize, int[] stageLengths, bool optionalFirst,
        Func<ArchitectureDescriptor, PrunableModel> build)
    {
        var blocks = stageLengths.SelectMany((length, stage) => Enumerable.Range(0, length).Select(index => $"layer{stage + 1}.{index}")).ToList();
        var droppable = blocks.Where(block => !block.EndsWith(".0", StringComparison.Ordinal)).ToList();
        return new(name, classes, imageSize, blocks, droppable, optionalFirst ? ["layer1.0"] : [], HasStages: true, build);
    }
}
