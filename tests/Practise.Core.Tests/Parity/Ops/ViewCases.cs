using TorchSharp;
namespace Practise.Core.Tests.Parity.Ops;

internal static class ViewCases
{
    internal static readonly OpCases All = new()
    {
        { "view", t => t[0].view(4, 6) },
        { "view_inferred", t => t[0].view(-1, 4) },
        { "reshape_noncontiguous", t => t[0].transpose(0, 1).reshape(6, 4) },
        { "permute", t => t[0].permute(2, 0, 1) },
        { "transpose", t => torch.transpose(t[0], 0, 2) },
        { "narrow", t => t[0].narrow(2, 1, 2) },
        { "slice_step", t => t[0].slice(2, 1, 4, 2) },
        { "slice_negative_start", t => t[0].slice(1, -2, long.MaxValue, 1) },
        { "select", t => t[0].select(1, 2) },
        { "select_negative", t => t[0].select(-1, -1) },
        { "index_select", t => t[0].index_select(1, t[1]) },
        { "flatten", t => t[0].flatten() },
        { "flatten_from", t => t[0].flatten(1) },
        { "flatten_range", t => torch.flatten(t[0], 0, 1) },
        { "contiguous", t => t[0].transpose(0, 1).contiguous() },
        { "unsqueeze", t => t[0].unsqueeze(1) },
        { "unsqueeze_negative", t => t[0].unsqueeze(-1) },
        { "squeeze_all", t => t[0].squeeze() },
        { "squeeze_dim", t => t[0].squeeze(2) },
        { "squeeze_dim_not_one", t => t[0].squeeze(1) },
        { "expand", t => t[0].expand(3, 4) },
        { "expand_new_dims", t => t[0].expand(2, -1, 4) },
        { "flip", t => t[0].flip(0, 2) },
        { "cat", t => torch.cat([t[0], t[1]]) },
        { "cat_last_dim", t => torch.cat(t, -1) },
        { "stack", t => torch.stack(t, 1) },
        { "stack_last_dim", t => torch.stack([t[0], t[1]], -1) },
    };
}
