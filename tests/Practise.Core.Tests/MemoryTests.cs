using Practise.Core.Models;
using static Practise.Torch.torch;

namespace Practise.Core.Tests;

/// <summary>torch.LiveTensorCount is process-wide: tests comparing it must not overlap with any other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTensorCountCollection
{
    public const string Name = "live tensor count";
}

[Collection(LiveTensorCountCollection.Name)]
public class MemoryTests
{
    [Theory]
    [InlineData("resnet20_cifar")]
    [InlineData("mobilenet_v2")]
    public void ForwardsTrainingStepsSurgeryAndInferenceLeaveNoTensorsBehind(string arch)
    {
        using var model = ModelZoo.Create(arch, 10, inChannels: 1);
        using var inputs = randn(3, 1, 32, 32);
        var before = LiveTensorCount;
        for (var step = 0; step < 3; step++)
        {
            model.train();
            using (NewDisposeScope())
            {
                var loss = model.call(inputs).pow(2).mean();
                loss.backward();
            }
            model.zero_grad();
            using (no_grad())
            using (model.features(inputs))
            using (Inference.Predict(model, inputs, batchSize: 2))
            using (BlockSurgery.Prune(model, [model.DroppableBlocks()[step]]))
            {
            }
        }
        Assert.Equal(before, LiveTensorCount);
    }
}
