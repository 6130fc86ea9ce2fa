using TorchSharp;
namespace Practise.Core.Tests.Parity.Ops;

internal static class ReductionCases
{
    internal static readonly OpCases All = new()
    {
        { "sum_all", t => t[0].sum() },
        { "sum_dim", t => t[0].sum([1]) },
        { "sum_dims_keepdim", t => t[0].sum([0, 2], keepdim: true) },
        { "sum_negative_dim", t => torch.sum(t[0], [-1]) },
        { "sum_dtype", t => t[0].sum([1], type: torch.float64) },
        { "sum_all_int", t => t[0].sum() },
        { "mean_all", t => t[0].mean() },
        { "mean_dim", t => t[0].mean([2]) },
        { "mean_dims_keepdim", t => torch.mean(t[0], [0, 1], keepdim: true) },
        { "var_all", t => t[0].var() },
        { "var_all_biased", t => t[0].flatten().var([0], unbiased: false) }, // TorchSharp's var(bool) ignores unbiased: false
        { "var_dim", t => t[0].var([1]) },
        { "var_dims_biased_keepdim", t => t[0].var([0, 2], unbiased: false, keepdim: true) },
        { "std_all", t => torch.std(t[0]) },
        { "std_dim", t => t[0].std([2]) },
        { "std_dim_biased_keepdim", t => t[0].std([1], unbiased: false, keepdim: true) },
        { "max_all", t => t[0].max() },
        { "min_all", t => torch.min(t[0]) },
        { "max_dim", t => t[0].max(1) },
        { "max_dim_keepdim", t => torch.max(t[0], -1, keepdim: true) },
        { "min_dim", t => t[0].min(0) },
        { "argmax_all", t => t[0].argmax() },
        { "argmax_dim", t => t[0].argmax(1) },
        { "argmax_dim_keepdim", t => torch.argmax(t[0], 2, keepdim: true) },
        { "argmin_all", t => t[0].argmin() },
        { "argmin_dim", t => t[0].argmin(0) },
        { "topk", t => t[0].topk(2) },
        { "topk_smallest_dim0", t => t[0].topk(1, dim: 0, largest: false) },
        { "sort", t => t[0].sort() },
        { "sort_descending_dim1", t => torch.sort(t[0], 1, descending: true) },
        { "all_true", t => t[0].all() },
        { "all_false", t => t[0].all() },
        { "all_bool", t => torch.all(t[0]) },
        { "any_true", t => t[0].any() },
        { "any_false", t => torch.any(t[0]) },
    };
}
