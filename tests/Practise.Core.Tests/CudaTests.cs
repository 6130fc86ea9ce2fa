using Practise.Contract;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Tests.Engine;
using Practise.Manifest;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>The GPU path: models, block surgery, latency, and compress with device: cuda.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class CudaTests
{
    [CudaFact]
    public void CompressOnTheGpuScoresTheBlocksAsTheCpuDoesAndWritesCpuReadableWeights()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "blocks: 2");
        CompressionReport Run(Manifest.Manifest settings, string name) => new Compressor(settings, SilentProgress.Instance,
            Path.Combine(fixture.Directory, name), Path.Combine(fixture.Directory, $"cache-{name}")).Compress().Report;

        var onCpu = Run(manifest, "cpu");
        var onGpu = Run(manifest with { Device = ComputeDevice.Cuda }, "gpu");

        Assert.Equal("cuda", onGpu.Device);
        Assert.StartsWith("cpu;", onGpu.Latency.Fingerprint, StringComparison.Ordinal); // latency.device stays cpu
        var cpuCriteria = onCpu.Blocks.ToDictionary(block => block.Block, block => block.Criterion);
        // Six adaptor steps in float32: GPU kernels sum in another order, so R agrees to rounding, not bit for bit.
        Assert.All(onGpu.Blocks, block => Assert.Equal(cpuCriteria[block.Block], block.Criterion, 1e-3 * Math.Max(1, Math.Abs(block.Criterion))));
        Assert.NotNull(onGpu.Accuracy);
        using var student = PrunedModelFiles.Load(Path.GetDirectoryName(onGpu.ModelPath)!);
        Assert.Equal(DeviceType.CPU, student.DeviceOf().type);
        Assert.Equal(onGpu.DroppedBlocks.Order(StringComparer.Ordinal), student.Architecture.DroppedBlocks.Order(StringComparer.Ordinal));
    }

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
        using var pruned = BlockSurgery.Prune(model, ["layer2.1"]);
        var measured = LatencyMeter.Measure(model, [pruned], new MeasurementSettings(1, 1, 28, 28, Warmup: 2, Repeats: 3, Threads: 1, Seed: 0, MaxSeconds: 0), _ => true);
        Assert.True(measured.Variants.Single().BaselineMedianMs > 0);
    }
}
