// In-place initialisers behind torch.nn.init; they run without recording gradients, as PyTorch's do.
#include "bridge.h"

PT_API void pt_init_uniform_(pt_tensor tensor, double low, double high) {
    PT_VOID({
        at::NoGradGuard no_grad;
        pt::unwrap(tensor).uniform_(low, high);
    });
}

PT_API void pt_init_normal_(pt_tensor tensor, double mean, double std) {
    PT_VOID({
        at::NoGradGuard no_grad;
        pt::unwrap(tensor).normal_(mean, std);
    });
}

PT_API void pt_init_constant_(pt_tensor tensor, double value) {
    PT_VOID({
        at::NoGradGuard no_grad;
        pt::unwrap(tensor).fill_(value);
    });
}
