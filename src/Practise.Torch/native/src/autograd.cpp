// Autograd: gradient flags, backward, and access to .grad.
#include "bridge.h"

PT_API int pt_tensor_requires_grad(pt_tensor tensor) {
    return pt::guarded([&] { return pt::unwrap(tensor).requires_grad() ? 1 : 0; });
}

PT_API void pt_tensor_set_requires_grad(pt_tensor tensor, int requires_grad) {
    PT_VOID(pt::unwrap(tensor).set_requires_grad(requires_grad != 0));
}

PT_API void pt_tensor_backward(pt_tensor tensor, pt_tensor gradient, int retain_graph) {
    PT_VOID(pt::unwrap(tensor).backward(gradient == nullptr ? at::Tensor() : *gradient, retain_graph != 0));
}

// Null without an error means "no gradient yet" (as .grad is None in PyTorch).
PT_API pt_tensor pt_tensor_grad(pt_tensor tensor) {
    return pt::guarded([&]() -> pt_tensor {
        auto grad = pt::unwrap(tensor).grad();
        return grad.defined() ? pt::wrap(grad) : nullptr;
    });
}

PT_API void pt_tensor_set_grad(pt_tensor tensor, pt_tensor gradient) {
    PT_VOID(pt::unwrap(tensor).mutable_grad() = gradient == nullptr ? at::Tensor() : *gradient);
}

PT_API pt_tensor pt_tensor_detach(pt_tensor tensor) { PT_TENSOR(pt::unwrap(tensor).detach()); }
