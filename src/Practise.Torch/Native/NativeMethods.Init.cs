using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    [DllImport(Library)] internal static extern void pt_init_uniform_(TensorHandle tensor, double low, double high);
    [DllImport(Library)] internal static extern void pt_init_normal_(TensorHandle tensor, double mean, double std);
    [DllImport(Library)] internal static extern void pt_init_constant_(TensorHandle tensor, double value);
}
