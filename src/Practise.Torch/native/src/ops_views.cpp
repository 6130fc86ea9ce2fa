// Shape and indexing operations. Views share storage with their source (as in PyTorch); each call returns a new
// handle the caller owns.
#include "bridge.h"

#include <vector>

namespace {
std::vector<at::Tensor> tensors(const pt_tensor* handles, int64_t count) {
    std::vector<at::Tensor> values;
    values.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; i++) values.push_back(pt::unwrap(handles[i]));
    return values;
}
}  // namespace

PT_API pt_tensor pt_view(pt_tensor t, const int64_t* shape, int64_t ndim) { PT_TENSOR(pt::unwrap(t).view(pt::ints(shape, ndim))); }

PT_API pt_tensor pt_reshape(pt_tensor t, const int64_t* shape, int64_t ndim) { PT_TENSOR(pt::unwrap(t).reshape(pt::ints(shape, ndim))); }

PT_API pt_tensor pt_permute(pt_tensor t, const int64_t* dims, int64_t ndim) { PT_TENSOR(pt::unwrap(t).permute(pt::ints(dims, ndim))); }

PT_API pt_tensor pt_transpose(pt_tensor t, int64_t dim0, int64_t dim1) { PT_TENSOR(pt::unwrap(t).transpose(dim0, dim1)); }

PT_API pt_tensor pt_narrow(pt_tensor t, int64_t dim, int64_t start, int64_t length) { PT_TENSOR(pt::unwrap(t).narrow(dim, start, length)); }

PT_API pt_tensor pt_slice(pt_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
    PT_TENSOR(at::slice(pt::unwrap(t), dim, start, end, step));
}

PT_API pt_tensor pt_select(pt_tensor t, int64_t dim, int64_t index) { PT_TENSOR(pt::unwrap(t).select(dim, index)); }

PT_API pt_tensor pt_index_select(pt_tensor t, int64_t dim, pt_tensor index) {
    PT_TENSOR(pt::unwrap(t).index_select(dim, pt::unwrap(index)));
}

PT_API pt_tensor pt_flatten(pt_tensor t, int64_t start_dim, int64_t end_dim) { PT_TENSOR(pt::unwrap(t).flatten(start_dim, end_dim)); }

PT_API pt_tensor pt_contiguous(pt_tensor t) { PT_TENSOR(pt::unwrap(t).contiguous()); }

PT_API pt_tensor pt_unsqueeze(pt_tensor t, int64_t dim) { PT_TENSOR(pt::unwrap(t).unsqueeze(dim)); }

PT_API pt_tensor pt_squeeze(pt_tensor t) { PT_TENSOR(pt::unwrap(t).squeeze()); }

PT_API pt_tensor pt_squeeze_dim(pt_tensor t, int64_t dim) { PT_TENSOR(pt::unwrap(t).squeeze(dim)); }

PT_API pt_tensor pt_expand(pt_tensor t, const int64_t* size, int64_t ndim) { PT_TENSOR(pt::unwrap(t).expand(pt::ints(size, ndim))); }

PT_API pt_tensor pt_flip(pt_tensor t, const int64_t* dims, int64_t ndim) { PT_TENSOR(pt::unwrap(t).flip(pt::ints(dims, ndim))); }

PT_API pt_tensor pt_cat(const pt_tensor* handles, int64_t count, int64_t dim) { PT_TENSOR(at::cat(tensors(handles, count), dim)); }

PT_API pt_tensor pt_stack(const pt_tensor* handles, int64_t count, int64_t dim) { PT_TENSOR(at::stack(tensors(handles, count), dim)); }
