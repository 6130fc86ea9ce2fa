using Practise.Core.Adaptors;
using static Practise.Torch.torch;

namespace Practise.Core.Tests.Adaptors;

[Collection(LiveTensorCountCollection.Name)]
public class AdaptorMemoryTests
{
    [Theory]
    [InlineData("resnet20_cifar", new[] { "layer1.1", "layer2.1" })]
    [InlineData("mobilenet_v2", new[] { "features.5" })]
    public void HookedForwardsTrainingStepsAndFusionLeaveNoTensorsBehind(string arch, string[] dropped)
    {
        var (model, sites, input) = AdaptorSetTests.Setup(arch, dropped);
        using var _ = model;
        using var __ = input;
        foreach (var parameter in model.parameters()) parameter.requires_grad = false;
        var before = LiveTensorCount;
        using (var adaptors = AdaptorSet.Attach(model, sites))
        {
            for (var step = 0; step < 3; step++)
            {
                // Outside any dispose scope (MobileNetV2's features open none): what a hook fails to release stays live.
                using (var output = model.features(input))
                using (var squared = output.pow(2))
                using (var loss = squared.mean())
                    loss.backward();
                adaptors.zero_grad();
            }
            adaptors.FuseInto(model);
            using (no_grad())
            using (model.call(input))
            {
            }
        }
        Assert.Equal(before, LiveTensorCount);
    }

    [Theory]
    [InlineData(AdaptorKind.Pre)]
    [InlineData(AdaptorKind.After)]
    public void HooksReleaseWhatTheyReplace(AdaptorKind kind)
    {
        var (model, _, input) = AdaptorSetTests.Setup("resnet20_cifar", ["layer2.1"]);
        using var __ = model;
        using var ___ = input;
        var conv = ((Practise.Core.Models.CifarResNet)model).conv1;
        using var adaptors = AdaptorSet.Attach(model, [new AdaptorSite("conv1", kind, kind == AdaptorKind.Pre ? 3 : 16)]);
        var before = LiveTensorCount;
        using (conv.call(input))
            Assert.Equal(before + 1, LiveTensorCount);
        Assert.Equal(before, LiveTensorCount);
    }
}
