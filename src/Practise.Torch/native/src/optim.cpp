// Optimizer updates fused per parameter, so the C# optimizers need no tensor math of their own. Each function
// mirrors PyTorch 1.13's torch/optim `_single_tensor_*` loop body op for op (same ops in the same order gives the
// same rounding), and updates the parameter and its state in place with autograd off.
#include "bridge.h"

#include <cmath>

namespace {
// A fresh state tensor shaped, typed and laid out like the parameter (torch.zeros_like(p, preserve_format)).
at::Tensor state_like(const at::Tensor& param) { return at::zeros_like(param, at::MemoryFormat::Preserve); }
}  // namespace

PT_API pt_tensor pt_optim_state_like(pt_tensor param) { PT_TENSOR(state_like(pt::unwrap(param))); }

// zero_grad as torch.optim.Optimizer.zero_grad: drop the gradient, or detach it and zero it in place.
PT_API void pt_optim_zero_grad(pt_tensor param, int set_to_none) {
    PT_VOID({
        auto& grad = pt::unwrap(param).mutable_grad();
        if (!grad.defined()) return 0;
        if (set_to_none != 0) {
            grad = at::Tensor();
        } else {
            if (grad.grad_fn()) {
                grad = grad.detach();
            } else {
                grad.requires_grad_(false);
            }
            grad.zero_();
        }
    });
}

// One SGD step for one parameter. Returns a handle to the momentum buffer when this call created it (the first
// step with momentum), null otherwise: the caller keeps the buffer it passed in, which was updated in place.
PT_API pt_tensor pt_sgd_update(pt_tensor param_handle, pt_tensor grad_handle, pt_tensor momentum_buffer, double lr, double momentum,
                               double dampening, double weight_decay, int nesterov, int maximize) {
    return pt::guarded([&]() -> pt_tensor {
        at::NoGradGuard no_grad;
        auto& param = pt::unwrap(param_handle);
        const auto& grad = pt::unwrap(grad_handle);
        auto d_p = maximize != 0 ? grad.neg() : grad;
        if (weight_decay != 0) d_p = d_p.add(param, weight_decay);

        at::Tensor created;
        if (momentum != 0) {
            at::Tensor buf;
            if (momentum_buffer == nullptr) {
                buf = d_p.clone().detach();
                created = buf;
            } else {
                buf = *momentum_buffer;
                buf.mul_(momentum).add_(d_p, 1 - dampening);
            }
            d_p = nesterov != 0 ? d_p.add(buf, momentum) : buf;
        }
        param.add_(d_p, -lr);
        return created.defined() ? pt::wrap(created) : nullptr;
    });
}

// One Adam step for one parameter; `step` is the step count after this update (1 on the first call), as
// PyTorch increments state['step'] before using it. max_exp_avg_sq is required when amsgrad is set.
PT_API void pt_adam_update(pt_tensor param_handle, pt_tensor grad_handle, pt_tensor exp_avg_handle, pt_tensor exp_avg_sq_handle,
                           pt_tensor max_exp_avg_sq_handle, double step, double lr, double beta1, double beta2, double eps,
                           double weight_decay, int amsgrad, int maximize) {
    PT_VOID({
        at::NoGradGuard no_grad;
        auto& param = pt::unwrap(param_handle);
        const auto& original_grad = pt::unwrap(grad_handle);
        auto& exp_avg = pt::unwrap(exp_avg_handle);
        auto& exp_avg_sq = pt::unwrap(exp_avg_sq_handle);
        TORCH_CHECK(amsgrad == 0 || max_exp_avg_sq_handle != nullptr, "amsgrad needs a max_exp_avg_sq state tensor");

        auto grad = maximize != 0 ? original_grad.neg() : original_grad;
        if (weight_decay != 0) grad = grad.add(param, weight_decay);

        exp_avg.mul_(beta1).add_(grad, 1 - beta1);
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), 1 - beta2);

        // Python evaluates these in double precision (float ** float, math.sqrt); so does this.
        double bias_correction1 = 1 - std::pow(beta1, step);
        double bias_correction2 = 1 - std::pow(beta2, step);
        double step_size = lr / bias_correction1;
        double bias_correction2_sqrt = std::sqrt(bias_correction2);

        at::Tensor denom;
        if (amsgrad != 0) {
            auto& max_exp_avg_sq = pt::unwrap(max_exp_avg_sq_handle);
            at::maximum_out(max_exp_avg_sq, max_exp_avg_sq, exp_avg_sq);
            denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        } else {
            denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        }
        param.addcdiv_(exp_avg, denom, -step_size);
    });
}
