using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

/// <summary>The bridge's flat C ABI. One partial file per bridge source file; all signatures are blittable.</summary>
internal static partial class NativeMethods
{
    internal const string Library = "practise_torch";

    /// <summary>Must equal PT_ABI_VERSION in native/src/bridge.h.</summary>
    internal const int AbiVersion = 1;

    [DllImport(Library)] internal static extern IntPtr pt_last_error();
    [DllImport(Library)] internal static extern int pt_abi_version();
    [DllImport(Library)] internal static extern IntPtr pt_torch_version();
    [DllImport(Library)] internal static extern long pt_live_tensor_count();
    [DllImport(Library)] internal static extern void pt_tensor_dispose(IntPtr tensor);
    [DllImport(Library)] internal static extern void pt_manual_seed(long seed);
    [DllImport(Library)] internal static extern void pt_set_num_threads(int threads);
    [DllImport(Library)] internal static extern int pt_get_num_threads();
    [DllImport(Library)] internal static extern int pt_cuda_is_available();
    [DllImport(Library)] internal static extern int pt_cuda_device_count();
    [DllImport(Library)] internal static extern int pt_set_grad_enabled(int enabled);
    [DllImport(Library)] internal static extern int pt_is_grad_enabled();
}
