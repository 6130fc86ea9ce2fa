using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

/// <summary>Turns the bridge's error channel (null result or a set last error) into exceptions.</summary>
internal static class NativeResult
{
    /// <summary>Wraps a tensor-returning call's result; null means the call failed.</summary>
    internal static torch.Tensor Tensor(IntPtr handle)
    {
        if (handle == IntPtr.Zero) throw Error() ?? new TorchException("the native call returned no tensor");
        return new torch.Tensor(handle);
    }

    /// <summary>For calls whose result may legitimately be absent (e.g. .grad).</summary>
    internal static torch.Tensor? OptionalTensor(IntPtr handle)
    {
        if (handle == IntPtr.Zero)
        {
            Check();
            return null;
        }
        return new torch.Tensor(handle);
    }

    /// <summary>Call after a void or scalar-returning entry point.</summary>
    internal static void Check()
    {
        if (Error() is { } error) throw error;
    }

    internal static T Check<T>(T value)
    {
        Check();
        return value;
    }

    private static TorchException? Error()
    {
        var message = NativeMethods.pt_last_error();
        return message == IntPtr.Zero ? null : new TorchException(Marshal.PtrToStringUTF8(message) ?? "unknown native error");
    }
}
