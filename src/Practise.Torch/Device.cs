namespace Practise.Torch;

public static partial class torch
{
    public enum DeviceType
    {
        CPU = 0,
        CUDA = 1,
    }

    /// <summary>Where a tensor lives. Parsed from "cpu", "cuda" or "cuda:1" like PyTorch's torch.device.</summary>
    public sealed record Device(DeviceType type, int index = -1)
    {
        public static Device Parse(string description)
        {
            var parts = description.Trim().ToLowerInvariant().Split(':');
            var type = parts[0] switch
            {
                "cpu" => DeviceType.CPU,
                "cuda" => DeviceType.CUDA,
                _ => throw new ArgumentException($"unknown device '{description}' (expected cpu, cuda or cuda:N)", nameof(description)),
            };
            var index = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : (type == DeviceType.CUDA ? 0 : -1);
            return new Device(type, index);
        }

        public override string ToString() => type == DeviceType.CPU ? "cpu" : $"cuda:{Math.Max(index, 0)}";

        internal int NativeIndex => Math.Max(index, 0);
    }

    public static readonly Device CPU = new(DeviceType.CPU);

    public static Device CUDA => new(DeviceType.CUDA, 0);

    public static class cuda
    {
        public static bool is_available() => Native.NativeResult.Check(Native.NativeMethods.pt_cuda_is_available() != 0);

        public static int device_count() => Native.NativeResult.Check(Native.NativeMethods.pt_cuda_device_count());
    }
}
