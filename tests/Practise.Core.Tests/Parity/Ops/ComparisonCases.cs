using TorchSharp;
namespace Practise.Core.Tests.Parity.Ops;

internal static class ComparisonCases
{
    internal static readonly OpCases All = new()
    {
        { "eq", t => t[0].eq(t[1]) },
        { "ne", t => t[0].ne(t[1]) },
        { "gt", t => torch.gt(t[0], t[1]) },
        { "ge", t => t[0].ge(t[1]) },
        { "lt", t => t[0].lt(t[1]) },
        { "le", t => t[0].le(t[1]) },
        { "eq_scalar", t => t[0].eq(1.0) },
        { "ne_scalar", t => t[0].ne(1.0) },
        { "gt_scalar", t => t[0].gt(1.0) },
        { "ge_scalar", t => t[0].ge(1.0) },
        { "lt_scalar", t => t[0].lt(1.0) },
        { "le_scalar", t => t[0].le(1.0) },
        { "where", t => torch.where(t[0], t[1], t[2]) },
        { "isfinite", t => t[0].isfinite() },
        { "isnan", t => torch.isnan(t[0]) },
    };
}
