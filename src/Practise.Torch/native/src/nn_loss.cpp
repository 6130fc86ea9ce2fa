// torch.nn.functional losses. `reduction` is the C# Reduction ordinal: 0 none, 1 mean, 2 sum (at::Reduction's values),
// 3 batchmean (kl_div only).
#include "bridge.h"

namespace {
constexpr int kBatchMean = 3;

int64_t reduction_of(int reduction) {
    TORCH_CHECK(reduction >= 0 && reduction < kBatchMean, "reduction ", reduction, " is not one of none, mean, sum");
    return reduction;
}
}  // namespace

PT_API pt_tensor pt_mse_loss(pt_tensor input, pt_tensor target, int reduction) {
    PT_TENSOR(at::mse_loss(pt::unwrap(input), pt::unwrap(target), reduction_of(reduction)));
}

PT_API pt_tensor pt_cross_entropy(pt_tensor input, pt_tensor target, int reduction, double label_smoothing) {
    PT_TENSOR(at::cross_entropy_loss(pt::unwrap(input), pt::unwrap(target), /*weight=*/c10::nullopt, reduction_of(reduction),
                                     /*ignore_index=*/-100, label_smoothing));
}

PT_API pt_tensor pt_kl_div(pt_tensor input, pt_tensor target, int reduction, int log_target) {
    PT_TENSOR(([&] {
        auto& x = pt::unwrap(input);
        if (reduction != kBatchMean) return at::kl_div(x, pt::unwrap(target), reduction_of(reduction), log_target != 0);
        // As torch.nn.functional.kl_div: 'batchmean' is the sum divided by the batch size.
        auto sum = at::kl_div(x, pt::unwrap(target), at::Reduction::Sum, log_target != 0);
        return x.dim() == 0 ? sum : sum / x.size(0);
    }()));
}
