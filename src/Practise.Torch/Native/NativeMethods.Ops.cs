using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    // ops_views.cpp
    [DllImport(Library)] internal static extern IntPtr pt_view(TensorHandle t, long[] shape, long ndim);
    [DllImport(Library)] internal static extern IntPtr pt_reshape(TensorHandle t, long[] shape, long ndim);
    [DllImport(Library)] internal static extern IntPtr pt_permute(TensorHandle t, long[] dims, long ndim);
    [DllImport(Library)] internal static extern IntPtr pt_transpose(TensorHandle t, long dim0, long dim1);
    [DllImport(Library)] internal static extern IntPtr pt_narrow(TensorHandle t, long dim, long start, long length);
    [DllImport(Library)] internal static extern IntPtr pt_slice(TensorHandle t, long dim, long start, long end, long step);
    [DllImport(Library)] internal static extern IntPtr pt_select(TensorHandle t, long dim, long index);
    [DllImport(Library)] internal static extern IntPtr pt_index_select(TensorHandle t, long dim, TensorHandle index);
    [DllImport(Library)] internal static extern IntPtr pt_flatten(TensorHandle t, long startDim, long endDim);
    [DllImport(Library)] internal static extern IntPtr pt_contiguous(TensorHandle t);
    [DllImport(Library)] internal static extern IntPtr pt_unsqueeze(TensorHandle t, long dim);
    [DllImport(Library)] internal static extern IntPtr pt_squeeze(TensorHandle t);
    [DllImport(Library)] internal static extern IntPtr pt_squeeze_dim(TensorHandle t, long dim);
    [DllImport(Library)] internal static extern IntPtr pt_expand(TensorHandle t, long[] size, long ndim);
    [DllImport(Library)] internal static extern IntPtr pt_flip(TensorHandle t, long[] dims, long ndim);
    [DllImport(Library)] internal static extern IntPtr pt_cat(IntPtr[] handles, long count, long dim);
    [DllImport(Library)] internal static extern IntPtr pt_stack(IntPtr[] handles, long count, long dim);

    // ops_math.cpp
    [DllImport(Library)] internal static extern IntPtr pt_add(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Library)] internal static extern IntPtr pt_sub(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Library)] internal static extern IntPtr pt_mul(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_div(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_add_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_sub_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_mul_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_div_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_rsub_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_rdiv_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_neg(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_matmul(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_pow(TensorHandle a, TensorHandle exponent);
    [DllImport(Library)] internal static extern IntPtr pt_pow_scalar(TensorHandle a, double exponent);
    [DllImport(Library)] internal static extern IntPtr pt_sqrt(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_exp(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_log(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_abs(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_sign(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_maximum(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_minimum(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_clamp(TensorHandle a, int hasMin, double min, int hasMax, double max);
    [DllImport(Library)] internal static extern void pt_add_(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Library)] internal static extern void pt_sub_(TensorHandle a, TensorHandle b, double alpha);
    [DllImport(Library)] internal static extern void pt_mul_(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern void pt_div_(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern void pt_add_scalar_(TensorHandle a, double b);
    [DllImport(Library)] internal static extern void pt_sub_scalar_(TensorHandle a, double b);
    [DllImport(Library)] internal static extern void pt_mul_scalar_(TensorHandle a, double b);
    [DllImport(Library)] internal static extern void pt_div_scalar_(TensorHandle a, double b);
    [DllImport(Library)] internal static extern void pt_addcmul_(TensorHandle a, TensorHandle t1, TensorHandle t2, double value);
    [DllImport(Library)] internal static extern void pt_addcdiv_(TensorHandle a, TensorHandle t1, TensorHandle t2, double value);
    [DllImport(Library)] internal static extern void pt_zero_(TensorHandle a);
    [DllImport(Library)] internal static extern void pt_fill_(TensorHandle a, double value);
    [DllImport(Library)] internal static extern void pt_clamp_(TensorHandle a, int hasMin, double min, int hasMax, double max);
    [DllImport(Library)] internal static extern IntPtr pt_eq(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_ne(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_gt(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_ge(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_lt(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_le(TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_eq_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_ne_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_gt_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_ge_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_lt_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_le_scalar(TensorHandle a, double b);
    [DllImport(Library)] internal static extern IntPtr pt_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [DllImport(Library)] internal static extern IntPtr pt_isfinite(TensorHandle a);
    [DllImport(Library)] internal static extern IntPtr pt_isnan(TensorHandle a);

    // ops_reduce.cpp
    [DllImport(Library)] internal static extern IntPtr pt_sum_all(TensorHandle t, int dtypeCode);
    [DllImport(Library)] internal static extern IntPtr pt_sum(TensorHandle t, long[] dim, long ndim, int keepdim, int dtypeCode);
    [DllImport(Library)] internal static extern IntPtr pt_mean_all(TensorHandle t);
    [DllImport(Library)] internal static extern IntPtr pt_mean(TensorHandle t, long[] dim, long ndim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr pt_var_all(TensorHandle t, int unbiased);
    [DllImport(Library)] internal static extern IntPtr pt_var(TensorHandle t, long[] dim, long ndim, int unbiased, int keepdim);
    [DllImport(Library)] internal static extern IntPtr pt_std_all(TensorHandle t, int unbiased);
    [DllImport(Library)] internal static extern IntPtr pt_std(TensorHandle t, long[] dim, long ndim, int unbiased, int keepdim);
    [DllImport(Library)] internal static extern IntPtr pt_max_all(TensorHandle t);
    [DllImport(Library)] internal static extern IntPtr pt_min_all(TensorHandle t);
    [DllImport(Library)] internal static extern void pt_max_dim(TensorHandle t, long dim, int keepdim, [Out] IntPtr[] results);
    [DllImport(Library)] internal static extern void pt_min_dim(TensorHandle t, long dim, int keepdim, [Out] IntPtr[] results);
    [DllImport(Library)] internal static extern IntPtr pt_argmax(TensorHandle t, int hasDim, long dim, int keepdim);
    [DllImport(Library)] internal static extern IntPtr pt_argmin(TensorHandle t, int hasDim, long dim, int keepdim);
    [DllImport(Library)] internal static extern void pt_topk(TensorHandle t, long k, long dim, int largest, int sorted, [Out] IntPtr[] results);
    [DllImport(Library)] internal static extern void pt_sort(TensorHandle t, long dim, int descending, [Out] IntPtr[] results);
    [DllImport(Library)] internal static extern IntPtr pt_all(TensorHandle t);
    [DllImport(Library)] internal static extern IntPtr pt_any(TensorHandle t);
}
