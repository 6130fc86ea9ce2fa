// The flat C ABI shared by every bridge source file.
// Conventions: a tensor crosses the boundary as an opaque `pt_tensor` (a heap-held at::Tensor) that the caller
// owns and releases with pt_tensor_dispose; a null pointer or a set last-error means failure and the C# layer
// turns pt_last_error() into an exception; arrays travel as pointer + length; scalars as double.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#define PT_API extern "C" __attribute__((visibility("default")))

// Bumped whenever a signature changes; the C# layer refuses to run against another version.
#define PT_ABI_VERSION 1

typedef at::Tensor* pt_tensor;

namespace pt {

void set_last_error(const std::string& message);
void clear_last_error();

// Takes ownership of a tensor value and hands the caller a handle.
pt_tensor wrap(at::Tensor value);
inline at::Tensor& unwrap(pt_tensor handle) {
    TORCH_CHECK(handle != nullptr, "a tensor argument was null (already disposed?)");
    return *handle;
}
// Null handles stand for optional tensors (e.g. a conv without bias).
inline c10::optional<at::Tensor> optional(pt_tensor handle) {
    return handle == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*handle);
}
inline at::IntArrayRef ints(const int64_t* values, int64_t length) {
    return at::IntArrayRef(values, static_cast<size_t>(length));
}

// Runs an ABI body, turning any C++ exception into the thread's last error and a zero result.
template <class Body>
auto guarded(Body&& body) -> decltype(body()) {
    clear_last_error();
    try {
        return body();
    } catch (const c10::Error& e) {
        set_last_error(e.what_without_backtrace());
    } catch (const std::exception& e) {
        set_last_error(e.what());
    } catch (...) {
        set_last_error("unknown native error");
    }
    return decltype(body()){};
}

}  // namespace pt

// Tensor-returning entry points are one expression wrapped in `guarded` ...
#define PT_TENSOR(expr) return pt::guarded([&]() -> pt_tensor { return pt::wrap(expr); })
// ... and void ones run a statement; the C# side checks pt_last_error afterwards.
#define PT_VOID(stmt) pt::guarded([&]() -> int { stmt; return 0; })
