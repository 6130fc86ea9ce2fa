// Tensor identity: creation from host memory, shape/dtype/device queries, copies back to host, conversion.
#include "bridge.h"

#include <cstring>

namespace {
at::TensorOptions options(int dtype, int device_type, int device_index) {
    auto device = device_type == 1 ? at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(device_index)) : at::Device(at::kCPU);
    return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)).device(device);
}
}  // namespace

PT_API pt_tensor pt_tensor_from_data(const void* data, const int64_t* shape, int64_t ndim, int dtype) {
    // from_blob borrows the caller's memory, so clone it into storage libtorch owns.
    PT_TENSOR(at::from_blob(const_cast<void*>(data), pt::ints(shape, ndim), options(dtype, 0, 0)).clone());
}

PT_API void pt_tensor_copy_to(pt_tensor tensor, void* destination, int64_t nbytes) {
    PT_VOID({
        auto host = pt::unwrap(tensor).detach().to(at::kCPU).contiguous();
        auto size = static_cast<int64_t>(host.numel() * host.element_size());
        TORCH_CHECK(size == nbytes, "destination holds ", nbytes, " bytes but the tensor has ", size);
        std::memcpy(destination, host.data_ptr(), static_cast<size_t>(size));
    });
}

PT_API pt_tensor pt_empty(const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::empty(pt::ints(shape, ndim), options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_zeros(const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::zeros(pt::ints(shape, ndim), options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_ones(const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::ones(pt::ints(shape, ndim), options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_full(const int64_t* shape, int64_t ndim, double value, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::full(pt::ints(shape, ndim), value, options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_arange(double start, double end, double step, int dtype, int device_type, int device_index) {
    PT_TENSOR(at::arange(start, end, step, options(dtype, device_type, device_index)));
}

PT_API pt_tensor pt_randn(const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::randn(pt::ints(shape, ndim), options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_rand(const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index, int requires_grad) {
    PT_TENSOR(at::rand(pt::ints(shape, ndim), options(dtype, device_type, device_index)).set_requires_grad(requires_grad != 0));
}

PT_API pt_tensor pt_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, int dtype, int device_type, int device_index) {
    PT_TENSOR(at::randint(low, high, pt::ints(shape, ndim), options(dtype, device_type, device_index)));
}

PT_API int64_t pt_tensor_ndim(pt_tensor tensor) { return pt::guarded([&] { return pt::unwrap(tensor).dim(); }); }

PT_API void pt_tensor_shape(pt_tensor tensor, int64_t* shape) {
    PT_VOID({
        auto sizes = pt::unwrap(tensor).sizes();
        std::copy(sizes.begin(), sizes.end(), shape);
    });
}

PT_API int pt_tensor_dtype(pt_tensor tensor) {
    return pt::guarded([&] { return static_cast<int>(pt::unwrap(tensor).scalar_type()); });
}

PT_API int pt_tensor_device_type(pt_tensor tensor) {
    return pt::guarded([&] { return pt::unwrap(tensor).is_cuda() ? 1 : 0; });
}

PT_API int pt_tensor_device_index(pt_tensor tensor) {
    return pt::guarded([&] { return static_cast<int>(pt::unwrap(tensor).device().index()); });
}

PT_API double pt_tensor_item(pt_tensor tensor) { return pt::guarded([&] { return pt::unwrap(tensor).item<double>(); }); }

PT_API pt_tensor pt_tensor_to(pt_tensor tensor, int dtype, int device_type, int device_index) {
    PT_TENSOR(pt::unwrap(tensor).to(options(dtype, device_type, device_index)));
}

PT_API pt_tensor pt_tensor_clone(pt_tensor tensor) { PT_TENSOR(pt::unwrap(tensor).clone()); }

PT_API pt_tensor pt_tensor_alias(pt_tensor tensor) { PT_TENSOR(pt::unwrap(tensor)); }

PT_API void pt_tensor_copy_(pt_tensor destination, pt_tensor source) { PT_VOID(pt::unwrap(destination).copy_(pt::unwrap(source))); }


// Swaps the storage behind a handle (module.to(device) keeps parameter identities, as PyTorch's param.data = ...).
PT_API void pt_tensor_set_data(pt_tensor tensor, pt_tensor source) { PT_VOID(pt::unwrap(tensor).set_data(pt::unwrap(source))); }
