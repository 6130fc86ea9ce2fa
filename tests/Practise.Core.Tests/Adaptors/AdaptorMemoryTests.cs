using Practise.Core.Adaptors;
using Practise.Testing;
using static TorchSharp.torch;

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
        var before = LiveTensors.Count;
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
        Assert.Equal(before, LiveTensors.Count);
    }

    [Theory]
    [InlineData(AdaptorKind.Pre)]
    [InlineData(AdaptorKind.After)]
    public void HooksReleaseWhatTheyReplace(AdaptorKind kind)
    {
        var (model, _, input) = AdaptorSetTests.Setup("resnet20_cifar", ["layer2.1"]);
        using var __ = model;
        using var ___ = input;
        var conv = ((Practise.Core.Architectures.CifarResNet)model).conv1;
        using var adaptors = AdaptorSet.Attach(model, [new AdaptorSite("conv1", kind, kind == AdaptorKind.Pre ? 3 : 16)]);
        var before = LiveTensors.Count;
        // A pre hook's replacement input belongs to the caller's scope (TorchSharp's call() does not release it), as
        // in every block forward; an after hook releases the output it replaces at once.
        using (var scope = NewDisposeScope())
        {
            conv.call(input);
            if (kind == AdaptorKind.After) Assert.Equal(before + 1, LiveTensors.Count);
        }
        Assert.Equal(before, LiveTensors.Count);
    }
}
