using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Manifest;
using Practise.Testing;

namespace Practise.Core.Tests.Engine;

/// <summary>device and latency.device where libtorch sees no GPU: a clear refusal that names the key and the fix.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class ComputeDeviceTests
{
    public static TheoryData<string> CudaKeys => ["device", "latency.device"];

    [WithoutCudaTheory]
    [MemberData(nameof(CudaKeys))]
    public void CudaWithoutAGpuIsRefusedNamingTheKeyAndTheBuildProperty(string key)
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "blocks: 1");
        manifest = key == "device"
            ? manifest with { Device = ComputeDevice.Cuda }
            : manifest with { Latency = manifest.Latency with { Device = ComputeDevice.Cuda } };
        var before = LiveTensors.Count;

        var error = Assert.Throws<PractiseException>(() => new Compressor(manifest, SilentProgress.Instance).Compress());

        Assert.Equal(PipelineErrors.NoCudaDevice, error.Code);
        Assert.StartsWith($"{key}: cuda", error.Message, StringComparison.Ordinal);
        Assert.Contains("-p:PractiseTorchBackend=cuda", error.Message, StringComparison.Ordinal);
        Assert.Contains($"set {key}: cpu", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, LiveTensors.Count);
    }

    [Fact]
    public void ASessionThatFailsAfterLoadingTheTeacherReleasesIt()
    {
        using var fixture = new EngineFixture();
        var manifest = CompressorTests.Write(fixture, "blocks: 1");
        manifest = manifest with { Data = manifest.Data with { Count = 1_000_000 } };
        var before = LiveTensors.Count;

        var error = Assert.Throws<PractiseException>(() => new Compressor(manifest, SilentProgress.Instance).Compress());

        Assert.Equal(PipelineErrors.BadData, error.Code);
        Assert.Equal(before, LiveTensors.Count);
    }
}
