using Practise.Torch.Native;

namespace Practise.Torch;

/// <summary>The libtorch API in PyTorch's vocabulary (torch.zeros, torch.nn.functional.conv2d, ...).</summary>
public static partial class torch
{
    static torch() => Handshake();

    /// <summary>Fails fast, with a fix, when the C# layer and the native bridge disagree on the ABI.</summary>
    private static void Handshake()
    {
        int native;
        try
        {
            native = NativeMethods.pt_abi_version();
        }
        catch (DllNotFoundException e)
        {
            throw new TorchException(
                $"cannot load the native bridge 'lib{NativeMethods.Library}.so' or libtorch ({e.Message}). " +
                "Run './build.sh' to install libtorch and build the bridge.", e);
        }
        if (native != NativeMethods.AbiVersion)
            throw new TorchException($"native bridge ABI version {native} does not match the C# layer's {NativeMethods.AbiVersion}; rebuild the bridge");
    }

    public static string __version__ => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeMethods.pt_torch_version()) ?? "unknown";

    /// <summary>Native tensors alive right now (for leak checks).</summary>
    public static long LiveTensorCount => NativeMethods.pt_live_tensor_count();

    public static void manual_seed(long seed)
    {
        NativeMethods.pt_manual_seed(seed);
        NativeResult.Check();
    }

    public static void set_num_threads(int threads)
    {
        NativeMethods.pt_set_num_threads(threads);
        NativeResult.Check();
    }

    public static int get_num_threads() => NativeMethods.pt_get_num_threads();

    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording until disposed: <c>using (torch.no_grad()) { ... }</c>.</summary>
    public static IDisposable no_grad() => new GradModeScope(enabled: false);

    public static IDisposable enable_grad() => new GradModeScope(enabled: true);

    public static bool is_grad_enabled() => NativeMethods.pt_is_grad_enabled() != 0;

    private sealed class GradModeScope : IDisposable
    {
        private readonly int previous;

        internal GradModeScope(bool enabled) => previous = NativeMethods.pt_set_grad_enabled(enabled ? 1 : 0);

        public void Dispose() => NativeMethods.pt_set_grad_enabled(previous);
    }
}
