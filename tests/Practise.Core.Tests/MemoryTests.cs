using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>Leak checks run alone: no other test creates or frees tensors on worker threads meanwhile.</summary>
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
        var before = LiveTensors.Count;
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
        Assert.Equal(before, LiveTensors.Count);
    }
}
