using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public static Tensor empty(long[] size, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.pt_empty, size, dtype, device, requires_grad);

    public static Tensor zeros(long[] size, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.pt_zeros, size, dtype, device, requires_grad);

    public static Tensor ones(long[] size, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.pt_ones, size, dtype, device, requires_grad);

    public static Tensor randn(long[] size, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.pt_randn, size, dtype, device, requires_grad);

    public static Tensor rand(long[] size, ScalarType dtype = float32, Device? device = null, bool requires_grad = false) =>
        Create(NativeMethods.pt_rand, size, dtype, device, requires_grad);

    public static Tensor empty(params long[] size) => empty(size, float32);

    public static Tensor zeros(params long[] size) => zeros(size, float32);

    public static Tensor ones(params long[] size) => ones(size, float32);

    public static Tensor randn(params long[] size) => randn(size, float32);

    public static Tensor rand(params long[] size) => rand(size, float32);

    public static Tensor full(long[] size, double value, ScalarType dtype = float32, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? CPU;
        return NativeResult.Tensor(NativeMethods.pt_full(size, size.Length, value, (int)dtype, (int)target.type, target.NativeIndex, requires_grad ? 1 : 0));
    }

    public static Tensor arange(double start, double end, double step = 1, ScalarType dtype = int64, Device? device = null)
    {
        var target = device ?? CPU;
        return NativeResult.Tensor(NativeMethods.pt_arange(start, end, step, (int)dtype, (int)target.type, target.NativeIndex));
    }

    public static Tensor arange(long end, ScalarType dtype = int64) => arange(0, end, 1, dtype);

    public static Tensor randint(long low, long high, long[] size, ScalarType dtype = int64, Device? device = null)
    {
        var target = device ?? CPU;
        return NativeResult.Tensor(NativeMethods.pt_randint(low, high, size, size.Length, (int)dtype, (int)target.type, target.NativeIndex));
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> with the given shape (1-D when omitted).</summary>
    public static Tensor tensor<T>(T[] data, params long[] shape) where T : unmanaged => from_span<T>(data, shape);

    public static Tensor tensor(double value, ScalarType dtype = float32) => full([], value, dtype);

    public static Tensor from_array<T>(T[] data, params long[] shape) where T : unmanaged => from_span<T>(data, shape);

    public static unsafe Tensor from_span<T>(ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        var dims = shape.Length == 0 ? [data.Length] : shape;
        var count = dims.Aggregate(1L, (product, size) => product * size);
        if (count != data.Length) throw new ArgumentException($"shape [{string.Join(", ", dims)}] needs {count} elements but {data.Length} were given", nameof(shape));
        fixed (T* pointer = data)
        {
            return NativeResult.Tensor(NativeMethods.pt_tensor_from_data((IntPtr)pointer, dims, dims.Length, (int)ScalarTypeOf<T>()));
        }
    }

    /// <summary>A tensor of any element type from its raw little-endian bytes (how safetensors and image buffers arrive).</summary>
    public static unsafe Tensor from_bytes(ReadOnlySpan<byte> bytes, ScalarType dtype, params long[] shape)
    {
        var count = shape.Aggregate(1L, (product, size) => product * size);
        if (count * ElementSize(dtype) != bytes.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] of {dtype} needs {count * ElementSize(dtype)} bytes but {bytes.Length} were given", nameof(bytes));
        fixed (byte* pointer = bytes)
        {
            return NativeResult.Tensor(NativeMethods.pt_tensor_from_data((IntPtr)pointer, shape, shape.Length, (int)dtype));
        }
    }

    private delegate IntPtr Creator(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    private static Tensor Create(Creator creator, long[] size, ScalarType dtype, Device? device, bool requiresGrad)
    {
        var target = device ?? CPU;
        return NativeResult.Tensor(creator(size, size.Length, (int)dtype, (int)target.type, target.NativeIndex, requiresGrad ? 1 : 0));
    }
}
