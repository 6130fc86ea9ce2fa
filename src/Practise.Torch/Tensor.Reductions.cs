using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>The sum of all elements as a 0-d tensor, accumulated in <paramref name="dtype"/> when given.</summary>
        public Tensor sum(ScalarType? dtype = null) => NativeResult.Tensor(NativeMethods.pt_sum_all(Handle, DtypeCode(dtype)));

        public Tensor sum(long[] dim, bool keepdim = false, ScalarType? dtype = null) =>
            NativeResult.Tensor(NativeMethods.pt_sum(Handle, dim, dim.Length, keepdim ? 1 : 0, DtypeCode(dtype)));

        public Tensor mean() => NativeResult.Tensor(NativeMethods.pt_mean_all(Handle));

        public Tensor mean(long[] dim, bool keepdim = false) => NativeResult.Tensor(NativeMethods.pt_mean(Handle, dim, dim.Length, keepdim ? 1 : 0));

        /// <summary>Variance of all elements (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
        public Tensor var(bool unbiased = true) => NativeResult.Tensor(NativeMethods.pt_var_all(Handle, unbiased ? 1 : 0));

        public Tensor var(long[] dim, bool unbiased = true, bool keepdim = false) =>
            NativeResult.Tensor(NativeMethods.pt_var(Handle, dim, dim.Length, unbiased ? 1 : 0, keepdim ? 1 : 0));

        public Tensor std(bool unbiased = true) => NativeResult.Tensor(NativeMethods.pt_std_all(Handle, unbiased ? 1 : 0));

        public Tensor std(long[] dim, bool unbiased = true, bool keepdim = false) =>
            NativeResult.Tensor(NativeMethods.pt_std(Handle, dim, dim.Length, unbiased ? 1 : 0, keepdim ? 1 : 0));

        public Tensor max() => NativeResult.Tensor(NativeMethods.pt_max_all(Handle));

        public Tensor min() => NativeResult.Tensor(NativeMethods.pt_min_all(Handle));

        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) =>
            Pair(results => NativeMethods.pt_max_dim(Handle, dim, keepdim ? 1 : 0, results));

        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) =>
            Pair(results => NativeMethods.pt_min_dim(Handle, dim, keepdim ? 1 : 0, results));

        /// <summary>Index of the largest element along <paramref name="dim"/>, or in the flattened tensor when null.</summary>
        public Tensor argmax(long? dim = null, bool keepdim = false) =>
            NativeResult.Tensor(NativeMethods.pt_argmax(Handle, dim.HasValue ? 1 : 0, dim ?? 0, keepdim ? 1 : 0));

        public Tensor argmin(long? dim = null, bool keepdim = false) =>
            NativeResult.Tensor(NativeMethods.pt_argmin(Handle, dim.HasValue ? 1 : 0, dim ?? 0, keepdim ? 1 : 0));

        public (Tensor values, Tensor indexes) topk(long k, long dim = -1, bool largest = true, bool sorted = true) =>
            Pair(results => NativeMethods.pt_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, results));

        public (Tensor values, Tensor indexes) sort(long dim = -1, bool descending = false) =>
            Pair(results => NativeMethods.pt_sort(Handle, dim, descending ? 1 : 0, results));

        /// <summary>Whether every element is non-zero, as a 0-d bool tensor.</summary>
        public Tensor all() => NativeResult.Tensor(NativeMethods.pt_all(Handle));

        public Tensor any() => NativeResult.Tensor(NativeMethods.pt_any(Handle));

        private static int DtypeCode(ScalarType? dtype) => dtype is { } type ? (int)type : -1;

        /// <summary>Runs a bridge call that writes two tensor handles (values, indexes) into its results array.</summary>
        private static (Tensor values, Tensor indexes) Pair(Action<IntPtr[]> call)
        {
            var results = new IntPtr[2];
            call(results);
            NativeResult.Check();
            return (NativeResult.Tensor(results[0]), NativeResult.Tensor(results[1]));
        }
    }
}
