using System.Security.Cryptography;
using System.Text;
using Practise.Core.Onnx;
using Practise.Manifest;
using TorchSharp;

namespace Practise.Core.Latency;

/// <summary>
/// The machine a latency figure belongs to: figures from different fingerprints are not comparable, so the
/// fingerprint is stored with every profile and goes into latency cache keys. <paramref name="OnnxRuntimeVersion"/> is
/// set when forwards were timed in ONNX Runtime rather than libtorch (latency.runtime: onnxruntime).
/// </summary>
public sealed record DeviceFingerprint(string CpuModel, int LogicalCores, int TorchThreads, string TorchVersion, string Device, string? OnnxRuntimeVersion = null)
{
    /// <summary>Human-readable, one line; the canonical text the <see cref="Id"/> is taken over.</summary>
    public string Description =>
        $"{Device}; {CpuModel}; {LogicalCores} logical cores; {TorchThreads} threads; libtorch {TorchVersion}" +
        (OnnxRuntimeVersion is null ? "" : $"; timed in onnxruntime {OnnxRuntimeVersion}");

    /// <summary>The runtime the figures were timed in, as latency.runtime names it.</summary>
    public LatencyRuntime Runtime => OnnxRuntimeVersion is null ? LatencyRuntime.Libtorch : LatencyRuntime.Onnxruntime;

    /// <summary>A stable key: the first 16 hex digits of SHA-256 over <see cref="Description"/>.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Description)))[..16];

    /// <summary>This machine, measuring with <paramref name="threads"/> intra-op threads on <paramref name="device"/> in <paramref name="runtime"/>.</summary>
    public static DeviceFingerprint Current(int threads, torch.Device? device = null, LatencyRuntime runtime = LatencyRuntime.Libtorch)
    {
        device ??= torch.CPU;
        var cpuinfo = File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "";
        // Environment.ProcessorCount honours affinity and cgroup limits: the cores this process can actually use.
        return new DeviceFingerprint(CpuModelFrom(cpuinfo), Environment.ProcessorCount, threads, torch.__version__, DeviceName(device),
            runtime == LatencyRuntime.Onnxruntime ? OnnxRuntimeModel.Version : null);
    }

    /// <summary>The first "model name" of /proc/cpuinfo text (x86); ARM kernels may only give "Hardware" or nothing.</summary>
    public static string CpuModelFrom(string cpuinfo)
    {
        string? Field(string name) => cpuinfo.Split('\n')
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
            .Select(parts => string.Join(' ', parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .FirstOrDefault(value => value.Length > 0);
        return Field("model name") ?? Field("Hardware") ?? $"unknown {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}".ToLowerInvariant();
    }

    private static string DeviceName(torch.Device device)
    {
        if (device.type == DeviceType.CPU) return "cpu";
        // No native call for the GPU's name; the NVIDIA driver lists its GPUs in /proc in bus order.
        const string gpus = "/proc/driver/nvidia/gpus";
        var index = Math.Max(device.index, 0);
        var folders = Directory.Exists(gpus) ? Directory.GetDirectories(gpus).Order(StringComparer.Ordinal).ToList() : [];
        var model = index < folders.Count && File.Exists(Path.Combine(folders[index], "information"))
            ? File.ReadLines(Path.Combine(folders[index], "information")).Select(line => line.Split(':', 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim() == "Model").Select(parts => parts[1].Trim()).FirstOrDefault()
            : null;
        return model is null ? device.ToString() : $"{device} {model}";
    }
}
