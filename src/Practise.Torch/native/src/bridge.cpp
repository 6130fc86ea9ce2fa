// Error channel, handle bookkeeping, version handshake and global settings.
#include "bridge.h"

#include <atomic>

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
std::atomic<int64_t> live_tensors{0};
}  // namespace

namespace pt {

void set_last_error(const std::string& message) {
    last_error = message;
    has_error = true;
}

void clear_last_error() { has_error = false; }

pt_tensor wrap(at::Tensor value) {
    live_tensors.fetch_add(1, std::memory_order_relaxed);
    return new at::Tensor(std::move(value));
}

}  // namespace pt

PT_API const char* pt_last_error() { return has_error ? last_error.c_str() : nullptr; }

PT_API int pt_abi_version() { return PT_ABI_VERSION; }

PT_API const char* pt_torch_version() { return TORCH_VERSION; }

PT_API int64_t pt_live_tensor_count() { return live_tensors.load(std::memory_order_relaxed); }

PT_API void pt_tensor_dispose(pt_tensor handle) {
    if (handle == nullptr) return;
    delete handle;
    live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

PT_API void pt_manual_seed(int64_t seed) { PT_VOID(torch::manual_seed(static_cast<uint64_t>(seed))); }

PT_API void pt_set_num_threads(int threads) { PT_VOID(at::set_num_threads(threads)); }

PT_API int pt_get_num_threads() { return at::get_num_threads(); }

PT_API int pt_cuda_is_available() { return pt::guarded([] { return torch::cuda::is_available() ? 1 : 0; }); }

PT_API int pt_cuda_device_count() { return pt::guarded([] { return static_cast<int>(torch::cuda::device_count()); }); }

PT_API int pt_set_grad_enabled(int enabled) {
    bool previous = at::GradMode::is_enabled();
    at::GradMode::set_enabled(enabled != 0);
    return previous ? 1 : 0;
}

PT_API int pt_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }
