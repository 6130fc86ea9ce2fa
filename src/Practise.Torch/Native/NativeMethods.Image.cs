using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    // image.cpp
    [DllImport(Library)] internal static extern IntPtr pt_decode_image(byte[] bytes, long length, int mode);
}
