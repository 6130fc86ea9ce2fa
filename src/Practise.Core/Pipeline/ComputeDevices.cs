using Practise.Manifest;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

public static class ComputeDevices
{
    /// <summary>
    /// The libtorch device for a manifest's <paramref name="device"/> (read from the key <paramref name="key"/>):
    /// cuda needs the CUDA build of TorchSharp (docs/engine.md#gpu) on a machine where it sees a GPU.
    /// </summary>
    public static Device Resolve(ComputeDevice device, string key)
    {
        if (device == ComputeDevice.Cpu) return CPU;
        if (cuda.is_available()) return CUDA;
        throw new PractiseException(PipelineErrors.NoCudaDevice,
            $"{key}: cuda was asked for, but this build's libtorch sees no CUDA device; build with -p:PractiseTorchBackend=cuda " +
            $"on Linux with an NVIDIA GPU and driver (docs/engine.md#gpu), or set {key}: cpu");
    }
}
