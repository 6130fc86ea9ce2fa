using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

/// <summary>Owns one native at::Tensor; the marshaller keeps it alive for the duration of every call it is passed to.</summary>
internal sealed class TensorHandle : SafeHandle
{
    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.pt_tensor_dispose(handle);
        return true;
    }
}
