// Reductions, arg-reductions, top-k and sort. Entry points with two results (values, indexes) write two handles
// into `out`, only after the whole computation succeeded, so a failure leaves nothing to release.
#include "bridge.h"

namespace {
// A negative code stands for "no dtype requested".
c10::optional<at::ScalarType> dtype(int code) {
    return code < 0 ? c10::optional<at::ScalarType>() : c10::optional<at::ScalarType>(static_cast<at::ScalarType>(code));
}
at::OptionalIntArrayRef dims(const int64_t* values, int64_t length) { return pt::ints(values, length); }
void pair(const std::tuple<at::Tensor, at::Tensor>& result, pt_tensor* out) {
    out[0] = pt::wrap(std::get<0>(result));
    out[1] = pt::wrap(std::get<1>(result));
}
}  // namespace

PT_API pt_tensor pt_sum_all(pt_tensor t, int dtype_code) { PT_TENSOR(at::sum(pt::unwrap(t), dtype(dtype_code))); }
PT_API pt_tensor pt_sum(pt_tensor t, const int64_t* dim, int64_t ndim, int keepdim, int dtype_code) {
    PT_TENSOR(at::sum(pt::unwrap(t), dims(dim, ndim), keepdim != 0, dtype(dtype_code)));
}
PT_API pt_tensor pt_mean_all(pt_tensor t) { PT_TENSOR(at::mean(pt::unwrap(t))); }
PT_API pt_tensor pt_mean(pt_tensor t, const int64_t* dim, int64_t ndim, int keepdim) {
    PT_TENSOR(at::mean(pt::unwrap(t), dims(dim, ndim), keepdim != 0));
}
PT_API pt_tensor pt_var_all(pt_tensor t, int unbiased) { PT_TENSOR(at::var(pt::unwrap(t), unbiased != 0)); }
PT_API pt_tensor pt_var(pt_tensor t, const int64_t* dim, int64_t ndim, int unbiased, int keepdim) {
    PT_TENSOR(at::var(pt::unwrap(t), dims(dim, ndim), unbiased != 0, keepdim != 0));
}
PT_API pt_tensor pt_std_all(pt_tensor t, int unbiased) { PT_TENSOR(at::std(pt::unwrap(t), unbiased != 0)); }
PT_API pt_tensor pt_std(pt_tensor t, const int64_t* dim, int64_t ndim, int unbiased, int keepdim) {
    PT_TENSOR(at::std(pt::unwrap(t), dims(dim, ndim), unbiased != 0, keepdim != 0));
}

PT_API pt_tensor pt_max_all(pt_tensor t) { PT_TENSOR(at::max(pt::unwrap(t))); }
PT_API pt_tensor pt_min_all(pt_tensor t) { PT_TENSOR(at::min(pt::unwrap(t))); }
PT_API void pt_max_dim(pt_tensor t, int64_t dim, int keepdim, pt_tensor* out) { PT_VOID(pair(at::max(pt::unwrap(t), dim, keepdim != 0), out)); }
PT_API void pt_min_dim(pt_tensor t, int64_t dim, int keepdim, pt_tensor* out) { PT_VOID(pair(at::min(pt::unwrap(t), dim, keepdim != 0), out)); }

// has_dim == 0 reduces over all elements, as argmax(dim=None) does.
PT_API pt_tensor pt_argmax(pt_tensor t, int has_dim, int64_t dim, int keepdim) {
    PT_TENSOR(at::argmax(pt::unwrap(t), has_dim != 0 ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
}
PT_API pt_tensor pt_argmin(pt_tensor t, int has_dim, int64_t dim, int keepdim) {
    PT_TENSOR(at::argmin(pt::unwrap(t), has_dim != 0 ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0));
}

PT_API void pt_topk(pt_tensor t, int64_t k, int64_t dim, int largest, int sorted, pt_tensor* out) {
    PT_VOID(pair(at::topk(pt::unwrap(t), k, dim, largest != 0, sorted != 0), out));
}
PT_API void pt_sort(pt_tensor t, int64_t dim, int descending, pt_tensor* out) {
    PT_VOID(pair(at::sort(pt::unwrap(t), dim, descending != 0), out));
}

PT_API pt_tensor pt_all(pt_tensor t) { PT_TENSOR(at::all(pt::unwrap(t))); }
PT_API pt_tensor pt_any(pt_tensor t) { PT_TENSOR(at::any(pt::unwrap(t))); }
