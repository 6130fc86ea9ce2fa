using Practise.Core.Adaptors;
using Practise.Core.Architectures;
using Practise.Core.Models;

namespace Practise.Core.Tests.Adaptors;

/// <summary>Adaptor sites against the reference's placement (docs/algorithm.md, "Adaptors"); paths are the pruned model's.</summary>
public class PlacementTests
{
    internal static PrunableModel Pruned(string arch, params string[] dropped) =>
        ModelZoo.Create(ModelZoo.Without(ModelZoo.Original(arch, numClasses: 10), dropped));

    internal static IReadOnlyList<AdaptorSite> Sites(string arch, params string[] dropped)
    {
        using var pruned = Pruned(arch, dropped);
        return AdaptorPlacement.For(pruned, dropped);
    }

    private static void AssertSites(IReadOnlyList<AdaptorSite> sites, string[] after, string[] pre)
    {
        Assert.Equal(after, sites.Where(site => site.Kind == AdaptorKind.After).Select(site => site.ConvPath));
        Assert.Equal(pre, sites.Where(site => site.Kind == AdaptorKind.Pre).Select(site => site.ConvPath));
    }

    [Fact]
    public void ResNet34DroppingLayer1Block1MatchesTheReferenceList()
    {
        var sites = Sites("resnet34", "layer1.1");
        AssertSites(sites, after: ["layer1.0.conv2"], pre: ["layer1.1.conv1", "layer2.0.conv1", "layer2.0.downsample.0"]);
        Assert.Equal(16_384, sites.Sum(site => site.WeightCount));
        Assert.All(sites, site => Assert.Equal(64, site.Channels));
    }

    [Fact]
    public void ResNet34DroppingLayer3Block2MatchesTheReferenceList()
    {
        var sites = Sites("resnet34", "layer3.2");
        AssertSites(sites,
            after: ["layer3.0.conv2", "layer3.0.downsample.0", "layer3.1.conv2"],
            pre: ["layer3.2.conv1", "layer3.3.conv1", "layer3.4.conv1", "layer4.0.conv1", "layer4.0.downsample.0"]);
        Assert.Equal(524_288, sites.Sum(site => site.WeightCount));
    }

    [Fact]
    public void LastBlockOfTheLastStageHasNoPreAdaptorsAndTheClassifierIsNeverAdapted()
    {
        var sites = Sites("resnet34", "layer4.2");
        AssertSites(sites, after: ["layer4.0.conv2", "layer4.0.downsample.0", "layer4.1.conv2"], pre: []);
        Assert.DoesNotContain(sites, site => site.ConvPath.StartsWith("fc", StringComparison.Ordinal));
    }

    [Fact]
    public void InnerBlockOfTheLastStageAdaptsOnlyTheLaterBlocksOfThatStage()
    {
        // The reference's pre loop covers the stage's later blocks before looking for a next stage (there is none), so
        // "last stage: no pre-adaptors" holds for its last block only; original layer4.2 is layer4.1 here.
        var sites = Sites("resnet34", "layer4.1");
        AssertSites(sites, after: ["layer4.0.conv2", "layer4.0.downsample.0"], pre: ["layer4.1.conv1"]);
        Assert.Equal(3 * 512 * 512, sites.Sum(site => site.WeightCount));
    }

    [Fact]
    public void ResNet50AdaptsTheBottleneckOutputConvNotConv2()
    {
        // The reference detects "conv2" first, which Bottlenecks also have; conv3 is the conv that writes the stream.
        var sites = Sites("resnet50", "layer2.1");
        AssertSites(sites,
            after: ["layer2.0.conv3", "layer2.0.downsample.0"],
            pre: ["layer2.1.conv1", "layer2.2.conv1", "layer3.0.conv1", "layer3.0.downsample.0"]);
        Assert.All(sites, site => Assert.Equal(512, site.Channels));
        Assert.DoesNotContain(sites, site => site.ConvPath.EndsWith(".conv2", StringComparison.Ordinal));
    }

    // Stages are the rows of torchvision's inverted_residual_setting (n = 1, 2, 3, 4, 3, 3, 1 from features.1):
    // 16 ch: 1 | 24: 2–3 | 32: 4–6 | 64: 7–10 | 96: 11–13 | 160: 14–16 | 320: 17. The reference walks back while
    // out_channels equals the dropped block's (after-adaptors on each projection conv.2) and forward over the later
    // blocks up to and including the first one with other channels (pre-adaptors on each expansion conv.0.0).
    // Paths are pruned: original features.k (k > dropped) is features.(k − 1).
    [Theory]
    // 24-ch row 2–3: after on 2; pre on the 32-ch entry, original 4.
    [InlineData("features.3", new[] { "features.2.conv.2" }, new[] { "features.3.conv.0.0" }, 24)]
    // 32-ch row 4–6: after on 4; pre on original 6 (the row's rest) and 7 (the 64-ch entry).
    [InlineData("features.5", new[] { "features.4.conv.2" }, new[] { "features.5.conv.0.0", "features.6.conv.0.0" }, 32)]
    // after on 4 and 5; pre on original 7.
    [InlineData("features.6", new[] { "features.4.conv.2", "features.5.conv.2" }, new[] { "features.6.conv.0.0" }, 32)]
    // 64-ch row 7–10: after on 7; pre on original 9, 10 and 11 (the 96-ch entry).
    [InlineData("features.8", new[] { "features.7.conv.2" }, new[] { "features.8.conv.0.0", "features.9.conv.0.0", "features.10.conv.0.0" }, 64)]
    // after on 7 and 8; pre on original 10 and 11.
    [InlineData("features.9", new[] { "features.7.conv.2", "features.8.conv.2" }, new[] { "features.9.conv.0.0", "features.10.conv.0.0" }, 64)]
    // after on 7, 8 and 9; pre on original 11.
    [InlineData("features.10", new[] { "features.7.conv.2", "features.8.conv.2", "features.9.conv.2" }, new[] { "features.10.conv.0.0" }, 64)]
    // 96-ch row 11–13 starts with a stride-1 block (64 → 96): after on 11 only; pre on original 13 and 14.
    [InlineData("features.12", new[] { "features.11.conv.2" }, new[] { "features.12.conv.0.0", "features.13.conv.0.0" }, 96)]
    // after on 11 and 12; pre on original 14.
    [InlineData("features.13", new[] { "features.11.conv.2", "features.12.conv.2" }, new[] { "features.13.conv.0.0" }, 96)]
    // 160-ch row 14–16: after on 14; pre on original 16 and 17 (the 320-ch block).
    [InlineData("features.15", new[] { "features.14.conv.2" }, new[] { "features.15.conv.0.0", "features.16.conv.0.0" }, 160)]
    // after on 14 and 15; pre on original 17; never the 1280-ch head conv or the classifier.
    [InlineData("features.16", new[] { "features.14.conv.2", "features.15.conv.2" }, new[] { "features.16.conv.0.0" }, 160)]
    public void MobileNetV2AdaptsTheDroppedBlocksRow(string dropped, string[] after, string[] pre, long channels)
    {
        var sites = Sites("mobilenet_v2", dropped);
        AssertSites(sites, after, pre);
        Assert.All(sites, site => Assert.Equal(channels, site.Channels));
    }

    [Fact]
    public void MobileNetV2StageTableMatchesTheModelsChannels()
    {
        // Each row shares one output width and neighbouring rows differ: the table is the model's, not a guess.
        using var model = ModelZoo.Create("mobilenet_v2");
        var widths = model.DroppableBlocks().Concat(["features.2", "features.4", "features.7", "features.11", "features.14", "features.17"])
            .ToDictionary(block => block, block => ((InvertedResidual)model.Block(block)).conv.named_children()
                .Select(child => child.module).OfType<TorchSharp.Modules.Conv2d>().Single().out_channels);
        Assert.All(model.DroppableBlocks(), block => Assert.Equal(widths[$"features.{int.Parse(block["features.".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1}"], widths[block]));
        Assert.Equal(new long[] { 24, 32, 64, 96, 160, 320 }, new[] { 2, 4, 7, 11, 14, 17 }.Select(index => widths[$"features.{index}"]));
    }

    [Fact]
    public void CifarResNetAdaptsTheOptionBDownsample()
    {
        var sites = Sites("resnet20_cifar", "layer2.1");
        AssertSites(sites, after: ["layer2.0.conv2", "layer2.0.downsample.0"], pre: ["layer2.1.conv1", "layer3.0.conv1", "layer3.0.downsample.0"]);
        Assert.Equal(5 * 32 * 32, sites.Sum(site => site.WeightCount));
    }

    [Fact]
    public void CifarResNetLastBlockHasAfterAdaptorsOnly()
    {
        AssertSites(Sites("resnet20_cifar", "layer3.2"), after: ["layer3.0.conv2", "layer3.0.downsample.0", "layer3.1.conv2"], pre: []);
    }

    [Theory]
    [InlineData("resnet18", new[] { "layer1.0.conv1", "layer2.0.conv1", "layer2.0.downsample.0" })]
    [InlineData("resnet20_cifar", new[] { "layer1.0.conv1", "layer1.1.conv1", "layer2.0.conv1", "layer2.0.downsample.0" })]
    public void FirstBlockHasNoEarlierBlockSoOnlyPreAdaptors(string arch, string[] pre)
    {
        // Optional layer1.0 (never dropped by the reference): nothing of its stage precedes the gap, and the stem conv
        // is not adapted (docs/adaptors.md).
        AssertSites(Sites(arch, "layer1.0"), after: [], pre: pre);
    }

    [Fact]
    public void SeveralDroppedBlocksGiveTheUnionOncePerConvAndKindInForwardOrder()
    {
        // layer1.1's gap reads layer2.0.downsample.0 (pre), layer2.2's gap writes through it (after): both stay.
        var sites = Sites("resnet34", "layer2.2", "layer1.1");
        Assert.Equal(
            [
                "layer1.0.conv2 After", "layer1.1.conv1 Pre", "layer2.0.conv1 Pre", "layer2.0.conv2 After",
                "layer2.0.downsample.0 Pre", "layer2.0.downsample.0 After", "layer2.1.conv2 After", "layer2.2.conv1 Pre",
                "layer3.0.conv1 Pre", "layer3.0.downsample.0 Pre",
            ],
            sites.Select(site => $"{site.ConvPath} {site.Kind}"));
    }

    [Fact]
    public void TwoGapsInOneStageShareTheirSites()
    {
        // Original layer3.3 and layer3.5 are layer3.2 and layer3.3 here; the first gap's later blocks overlap the
        // second gap's earlier ones, and each conv appears once per kind.
        var sites = Sites("resnet34", "layer3.2", "layer3.4");
        AssertSites(sites,
            after: ["layer3.0.conv2", "layer3.0.downsample.0", "layer3.1.conv2", "layer3.2.conv2"],
            pre: ["layer3.2.conv1", "layer3.3.conv1", "layer4.0.conv1", "layer4.0.downsample.0"]);
    }

    [Fact]
    public void BlocksTheModelStillHasAreRefused()
    {
        using var pruned = Pruned("resnet34", "layer3.2");
        var error = Assert.Throws<ArgumentException>(() => AdaptorPlacement.For(pruned, ["layer3.3"]));
        Assert.Contains("layer3.3", error.Message, StringComparison.Ordinal);
        Assert.Empty(AdaptorPlacement.For(pruned, []));
    }
}
