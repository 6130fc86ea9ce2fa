using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>The GPU path of what the engine already moves to a device: models, block surgery and latency.</summary>
public class CudaTests
{
    [CudaFact]
    public void PrunedModelOnTheGpuComputesWhatItComputesOnTheCpu()
    {
        using var teacher = ModelFixtures.CreateWithFormulaWeights("resnet20_cifar");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = randn(4, 1, 28, 28);
        using var onCpu = BlockSurgery.Prune(teacher, ["layer2.1"]);
        var expected = onCpu.call(input);
        teacher.to(CUDA);
        using var onGpu = BlockSurgery.Prune(teacher, ["layer2.1"]);
        Assert.Equal(DeviceType.CUDA, onGpu.parameters().First().device.type);
        ParityTests.AssertClose(expected, onGpu.call(input.to(CUDA)).cpu(), "pruned resnet20_cifar logits on the GPU");
    }

    [CudaFact]
    public void LatencyIsMeasuredOnTheGpu()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        model.to(CUDA);
        var measurements = LatencyMeter.Measure([model], new MeasurementSettings(1, 1, 28, 28, Warmup: 2, Repeats: 3, Threads: 1, Seed: 0));
        Assert.True(measurements.Single().MedianMs > 0);
    }
}
