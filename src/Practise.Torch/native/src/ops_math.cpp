// Element-wise arithmetic (broadcasting as in PyTorch), in-place updates, matmul and comparisons.
// Scalars arrive as double; optional scalars as a has-value flag plus the value.
#include "bridge.h"

namespace {
c10::optional<at::Scalar> scalar(int has_value, double value) {
    return has_value != 0 ? c10::optional<at::Scalar>(value) : c10::optional<at::Scalar>();
}
}  // namespace

// ---- out-of-place arithmetic ----------------------------------------------------------------------------------
PT_API pt_tensor pt_add(pt_tensor a, pt_tensor b, double alpha) { PT_TENSOR(at::add(pt::unwrap(a), pt::unwrap(b), alpha)); }
PT_API pt_tensor pt_sub(pt_tensor a, pt_tensor b, double alpha) { PT_TENSOR(at::sub(pt::unwrap(a), pt::unwrap(b), alpha)); }
PT_API pt_tensor pt_mul(pt_tensor a, pt_tensor b) { PT_TENSOR(at::mul(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_div(pt_tensor a, pt_tensor b) { PT_TENSOR(at::div(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_add_scalar(pt_tensor a, double b) { PT_TENSOR(at::add(pt::unwrap(a), b)); }
PT_API pt_tensor pt_sub_scalar(pt_tensor a, double b) { PT_TENSOR(at::sub(pt::unwrap(a), b)); }
PT_API pt_tensor pt_mul_scalar(pt_tensor a, double b) { PT_TENSOR(at::mul(pt::unwrap(a), b)); }
PT_API pt_tensor pt_div_scalar(pt_tensor a, double b) { PT_TENSOR(at::div(pt::unwrap(a), b)); }
// `scalar - tensor` and `scalar / tensor`, computed the way PyTorch's __rsub__ / __rtruediv__ do.
PT_API pt_tensor pt_rsub_scalar(pt_tensor a, double b) { PT_TENSOR(at::rsub(pt::unwrap(a), b)); }
PT_API pt_tensor pt_rdiv_scalar(pt_tensor a, double b) { PT_TENSOR(at::mul(at::reciprocal(pt::unwrap(a)), b)); }

PT_API pt_tensor pt_neg(pt_tensor a) { PT_TENSOR(at::neg(pt::unwrap(a))); }
PT_API pt_tensor pt_matmul(pt_tensor a, pt_tensor b) { PT_TENSOR(at::matmul(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_pow(pt_tensor a, pt_tensor exponent) { PT_TENSOR(at::pow(pt::unwrap(a), pt::unwrap(exponent))); }
PT_API pt_tensor pt_pow_scalar(pt_tensor a, double exponent) { PT_TENSOR(at::pow(pt::unwrap(a), exponent)); }
PT_API pt_tensor pt_sqrt(pt_tensor a) { PT_TENSOR(at::sqrt(pt::unwrap(a))); }
PT_API pt_tensor pt_exp(pt_tensor a) { PT_TENSOR(at::exp(pt::unwrap(a))); }
PT_API pt_tensor pt_log(pt_tensor a) { PT_TENSOR(at::log(pt::unwrap(a))); }
PT_API pt_tensor pt_abs(pt_tensor a) { PT_TENSOR(at::abs(pt::unwrap(a))); }
PT_API pt_tensor pt_sign(pt_tensor a) { PT_TENSOR(at::sign(pt::unwrap(a))); }
PT_API pt_tensor pt_maximum(pt_tensor a, pt_tensor b) { PT_TENSOR(at::maximum(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_minimum(pt_tensor a, pt_tensor b) { PT_TENSOR(at::minimum(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_clamp(pt_tensor a, int has_min, double min, int has_max, double max) {
    PT_TENSOR(at::clamp(pt::unwrap(a), scalar(has_min, min), scalar(has_max, max)));
}

// ---- in-place updates (the receiver keeps its handle; nothing new is returned) --------------------------------
PT_API void pt_add_(pt_tensor a, pt_tensor b, double alpha) { PT_VOID(pt::unwrap(a).add_(pt::unwrap(b), alpha)); }
PT_API void pt_sub_(pt_tensor a, pt_tensor b, double alpha) { PT_VOID(pt::unwrap(a).sub_(pt::unwrap(b), alpha)); }
PT_API void pt_mul_(pt_tensor a, pt_tensor b) { PT_VOID(pt::unwrap(a).mul_(pt::unwrap(b))); }
PT_API void pt_div_(pt_tensor a, pt_tensor b) { PT_VOID(pt::unwrap(a).div_(pt::unwrap(b))); }
PT_API void pt_add_scalar_(pt_tensor a, double b) { PT_VOID(pt::unwrap(a).add_(b)); }
PT_API void pt_sub_scalar_(pt_tensor a, double b) { PT_VOID(pt::unwrap(a).sub_(b)); }
PT_API void pt_mul_scalar_(pt_tensor a, double b) { PT_VOID(pt::unwrap(a).mul_(b)); }
PT_API void pt_div_scalar_(pt_tensor a, double b) { PT_VOID(pt::unwrap(a).div_(b)); }
PT_API void pt_addcmul_(pt_tensor a, pt_tensor t1, pt_tensor t2, double value) {
    PT_VOID(pt::unwrap(a).addcmul_(pt::unwrap(t1), pt::unwrap(t2), value));
}
PT_API void pt_addcdiv_(pt_tensor a, pt_tensor t1, pt_tensor t2, double value) {
    PT_VOID(pt::unwrap(a).addcdiv_(pt::unwrap(t1), pt::unwrap(t2), value));
}
PT_API void pt_zero_(pt_tensor a) { PT_VOID(pt::unwrap(a).zero_()); }
PT_API void pt_fill_(pt_tensor a, double value) { PT_VOID(pt::unwrap(a).fill_(value)); }
PT_API void pt_clamp_(pt_tensor a, int has_min, double min, int has_max, double max) {
    PT_VOID(at::clamp_(pt::unwrap(a), scalar(has_min, min), scalar(has_max, max)));
}

// ---- comparisons (bool results) --------------------------------------------------------------------------------
PT_API pt_tensor pt_eq(pt_tensor a, pt_tensor b) { PT_TENSOR(at::eq(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_ne(pt_tensor a, pt_tensor b) { PT_TENSOR(at::ne(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_gt(pt_tensor a, pt_tensor b) { PT_TENSOR(at::gt(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_ge(pt_tensor a, pt_tensor b) { PT_TENSOR(at::ge(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_lt(pt_tensor a, pt_tensor b) { PT_TENSOR(at::lt(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_le(pt_tensor a, pt_tensor b) { PT_TENSOR(at::le(pt::unwrap(a), pt::unwrap(b))); }
PT_API pt_tensor pt_eq_scalar(pt_tensor a, double b) { PT_TENSOR(at::eq(pt::unwrap(a), b)); }
PT_API pt_tensor pt_ne_scalar(pt_tensor a, double b) { PT_TENSOR(at::ne(pt::unwrap(a), b)); }
PT_API pt_tensor pt_gt_scalar(pt_tensor a, double b) { PT_TENSOR(at::gt(pt::unwrap(a), b)); }
PT_API pt_tensor pt_ge_scalar(pt_tensor a, double b) { PT_TENSOR(at::ge(pt::unwrap(a), b)); }
PT_API pt_tensor pt_lt_scalar(pt_tensor a, double b) { PT_TENSOR(at::lt(pt::unwrap(a), b)); }
PT_API pt_tensor pt_le_scalar(pt_tensor a, double b) { PT_TENSOR(at::le(pt::unwrap(a), b)); }
PT_API pt_tensor pt_where(pt_tensor condition, pt_tensor a, pt_tensor b) {
    PT_TENSOR(at::where(pt::unwrap(condition), pt::unwrap(a), pt::unwrap(b)));
}
PT_API pt_tensor pt_isfinite(pt_tensor a) { PT_TENSOR(at::isfinite(pt::unwrap(a))); }
PT_API pt_tensor pt_isnan(pt_tensor a) { PT_TENSOR(at::isnan(pt::unwrap(a))); }
