using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        // Views share storage with this tensor, as in PyTorch; each is a new handle the caller owns.

        public Tensor view(params long[] shape) => NativeResult.Tensor(NativeMethods.pt_view(Handle, shape, shape.Length));

        public Tensor reshape(params long[] shape) => NativeResult.Tensor(NativeMethods.pt_reshape(Handle, shape, shape.Length));

        public Tensor permute(params long[] dims) => NativeResult.Tensor(NativeMethods.pt_permute(Handle, dims, dims.Length));

        public Tensor transpose(long dim0, long dim1) => NativeResult.Tensor(NativeMethods.pt_transpose(Handle, dim0, dim1));

        public Tensor narrow(long dim, long start, long length) => NativeResult.Tensor(NativeMethods.pt_narrow(Handle, dim, start, length));

        /// <summary>Python's <c>x[..., start:end:step, ...]</c> along <paramref name="dim"/>; end is clamped to the size.</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) => NativeResult.Tensor(NativeMethods.pt_slice(Handle, dim, start, end, step));

        public Tensor select(long dim, long index) => NativeResult.Tensor(NativeMethods.pt_select(Handle, dim, index));

        public Tensor index_select(long dim, Tensor index) => NativeResult.Tensor(NativeMethods.pt_index_select(Handle, dim, index.Handle));

        public Tensor flatten(long start_dim = 0, long end_dim = -1) => NativeResult.Tensor(NativeMethods.pt_flatten(Handle, start_dim, end_dim));

        public Tensor contiguous() => NativeResult.Tensor(NativeMethods.pt_contiguous(Handle));

        public Tensor unsqueeze(long dim) => NativeResult.Tensor(NativeMethods.pt_unsqueeze(Handle, dim));

        /// <summary>Removes every size-1 dimension, or only <paramref name="dim"/> when given (a no-op if its size is not 1).</summary>
        public Tensor squeeze(long? dim = null) =>
            NativeResult.Tensor(dim is { } d ? NativeMethods.pt_squeeze_dim(Handle, d) : NativeMethods.pt_squeeze(Handle));

        public Tensor expand(params long[] size) => NativeResult.Tensor(NativeMethods.pt_expand(Handle, size, size.Length));

        public Tensor flip(params long[] dims) => NativeResult.Tensor(NativeMethods.pt_flip(Handle, dims, dims.Length));
    }

    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => WithHandles(tensors, handles => NativeMethods.pt_cat(handles, handles.Length, dim));

    public static Tensor stack(IList<Tensor> tensors, long dim = 0) => WithHandles(tensors, handles => NativeMethods.pt_stack(handles, handles.Length, dim));

    /// <summary>
    /// Passes raw handles of several tensors to the bridge. SafeHandle arrays do not marshal, so each handle is
    /// ref-counted by hand for the call: a concurrent Dispose then cannot free a tensor the bridge is reading.
    /// </summary>
    private static Tensor WithHandles(IList<Tensor> tensors, Func<IntPtr[], IntPtr> call)
    {
        var handles = new IntPtr[tensors.Count];
        var added = 0;
        try
        {
            for (; added < handles.Length; added++)
            {
                var success = false;
                tensors[added].Handle.DangerousAddRef(ref success);
                handles[added] = tensors[added].Handle.DangerousGetHandle();
            }
            return NativeResult.Tensor(call(handles));
        }
        finally
        {
            for (var i = 0; i < added; i++) tensors[i].Handle.DangerousRelease();
        }
    }
}
