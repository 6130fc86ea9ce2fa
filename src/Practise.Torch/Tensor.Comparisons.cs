using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        // Element-wise comparisons broadcast and return bool tensors.

        public Tensor eq(Tensor other) => NativeResult.Tensor(NativeMethods.pt_eq(Handle, other.Handle));

        public Tensor ne(Tensor other) => NativeResult.Tensor(NativeMethods.pt_ne(Handle, other.Handle));

        public Tensor gt(Tensor other) => NativeResult.Tensor(NativeMethods.pt_gt(Handle, other.Handle));

        public Tensor ge(Tensor other) => NativeResult.Tensor(NativeMethods.pt_ge(Handle, other.Handle));

        public Tensor lt(Tensor other) => NativeResult.Tensor(NativeMethods.pt_lt(Handle, other.Handle));

        public Tensor le(Tensor other) => NativeResult.Tensor(NativeMethods.pt_le(Handle, other.Handle));

        public Tensor eq(double other) => NativeResult.Tensor(NativeMethods.pt_eq_scalar(Handle, other));

        public Tensor ne(double other) => NativeResult.Tensor(NativeMethods.pt_ne_scalar(Handle, other));

        public Tensor gt(double other) => NativeResult.Tensor(NativeMethods.pt_gt_scalar(Handle, other));

        public Tensor ge(double other) => NativeResult.Tensor(NativeMethods.pt_ge_scalar(Handle, other));

        public Tensor lt(double other) => NativeResult.Tensor(NativeMethods.pt_lt_scalar(Handle, other));

        public Tensor le(double other) => NativeResult.Tensor(NativeMethods.pt_le_scalar(Handle, other));

        public Tensor isfinite() => NativeResult.Tensor(NativeMethods.pt_isfinite(Handle));

        public Tensor isnan() => NativeResult.Tensor(NativeMethods.pt_isnan(Handle));
    }

    /// <summary>Elements of <paramref name="x"/> where <paramref name="condition"/> holds, else of <paramref name="y"/> (all three broadcast).</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) => NativeResult.Tensor(NativeMethods.pt_where(condition.Handle, x.Handle, y.Handle));
}
