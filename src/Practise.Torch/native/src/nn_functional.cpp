// torch.nn.functional: convolution, normalization, activations, pooling, resampling, dropout and softmax.
// Each entry point is a thin call into the at:: op that torch.nn.functional itself dispatches to, so results and
// gradients match PyTorch's.
#include "bridge.h"

PT_API pt_tensor pt_conv2d(pt_tensor input, pt_tensor weight, pt_tensor bias, const int64_t* stride, int64_t stride_length,
                           const int64_t* padding, int64_t padding_length, const int64_t* dilation, int64_t dilation_length,
                           int64_t groups) {
    PT_TENSOR(at::conv2d(pt::unwrap(input), pt::unwrap(weight), pt::optional(bias), pt::ints(stride, stride_length),
                         pt::ints(padding, padding_length), pt::ints(dilation, dilation_length), groups));
}

PT_API pt_tensor pt_batch_norm(pt_tensor input, pt_tensor running_mean, pt_tensor running_var, pt_tensor weight, pt_tensor bias,
                               int training, double momentum, double eps) {
    PT_TENSOR(([&] {
        auto& x = pt::unwrap(input);
        // torch.nn.functional.batch_norm checks this in Python: one value per channel has no batch variance.
        if (training != 0) {
            auto values_per_channel = x.dim() > 1 && x.size(1) != 0 ? x.numel() / x.size(1) : x.numel();
            TORCH_CHECK(values_per_channel > 1, "Expected more than 1 value per channel when training, got input size ", x.sizes());
        }
        return at::batch_norm(x, pt::optional(weight), pt::optional(bias), pt::optional(running_mean), pt::optional(running_var),
                              training != 0, momentum, eps, /*cudnn_enabled=*/true);
    }()));
}

PT_API pt_tensor pt_layer_norm(pt_tensor input, const int64_t* normalized_shape, int64_t normalized_length, pt_tensor weight,
                               pt_tensor bias, double eps) {
    PT_TENSOR(at::layer_norm(pt::unwrap(input), pt::ints(normalized_shape, normalized_length), pt::optional(weight),
                             pt::optional(bias), eps, /*cudnn_enable=*/true));
}

PT_API pt_tensor pt_linear(pt_tensor input, pt_tensor weight, pt_tensor bias) {
    PT_TENSOR(at::linear(pt::unwrap(input), pt::unwrap(weight), pt::optional(bias)));
}

PT_API pt_tensor pt_relu(pt_tensor input) { PT_TENSOR(at::relu(pt::unwrap(input))); }

PT_API pt_tensor pt_hardtanh(pt_tensor input, double min_val, double max_val) {
    PT_TENSOR(at::hardtanh(pt::unwrap(input), min_val, max_val));
}

PT_API pt_tensor pt_gelu(pt_tensor input, int tanh_approximation) {
    PT_TENSOR(at::gelu(pt::unwrap(input), tanh_approximation != 0 ? "tanh" : "none"));
}

PT_API pt_tensor pt_max_pool2d(pt_tensor input, const int64_t* kernel_size, int64_t kernel_length, const int64_t* stride,
                               int64_t stride_length, const int64_t* padding, int64_t padding_length, const int64_t* dilation,
                               int64_t dilation_length, int ceil_mode) {
    PT_TENSOR(at::max_pool2d(pt::unwrap(input), pt::ints(kernel_size, kernel_length), pt::ints(stride, stride_length),
                             pt::ints(padding, padding_length), pt::ints(dilation, dilation_length), ceil_mode != 0));
}

PT_API pt_tensor pt_avg_pool2d(pt_tensor input, const int64_t* kernel_size, int64_t kernel_length, const int64_t* stride,
                               int64_t stride_length, const int64_t* padding, int64_t padding_length) {
    PT_TENSOR(at::avg_pool2d(pt::unwrap(input), pt::ints(kernel_size, kernel_length), pt::ints(stride, stride_length),
                             pt::ints(padding, padding_length), /*ceil_mode=*/false, /*count_include_pad=*/true));
}

PT_API pt_tensor pt_adaptive_avg_pool2d(pt_tensor input, const int64_t* output_size, int64_t output_length) {
    PT_TENSOR(at::adaptive_avg_pool2d(pt::unwrap(input), pt::ints(output_size, output_length)));
}

// mode: 0 nearest, 1 bilinear. With an explicit size PyTorch passes no scale factors, so neither do we.
PT_API pt_tensor pt_interpolate(pt_tensor input, const int64_t* size, int64_t size_length, int mode, int align_corners) {
    PT_TENSOR(([&] {
        auto& x = pt::unwrap(input);
        TORCH_CHECK(x.dim() == 4, "interpolate supports 4-D (N, C, H, W) input, got ", x.dim(), "-D");
        TORCH_CHECK(size_length == 2, "interpolate expects an output size of 2 values (H, W), got ", size_length);
        auto output_size = pt::ints(size, size_length);
        c10::optional<double> no_scale;
        if (mode == 0) {
            TORCH_CHECK(align_corners == 0, "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear");
            return at::upsample_nearest2d(x, output_size, no_scale, no_scale);
        }
        TORCH_CHECK(mode == 1, "unknown interpolation mode ", mode);
        return at::upsample_bilinear2d(x, output_size, align_corners != 0, no_scale, no_scale);
    }()));
}

PT_API pt_tensor pt_dropout(pt_tensor input, double p, int training) {
    PT_TENSOR(([&] {
        TORCH_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
        return at::dropout(pt::unwrap(input), p, training != 0);
    }()));
}

PT_API pt_tensor pt_softmax(pt_tensor input, int64_t dim) { PT_TENSOR(at::softmax(pt::unwrap(input), dim)); }

PT_API pt_tensor pt_log_softmax(pt_tensor input, int64_t dim) { PT_TENSOR(at::log_softmax(pt::unwrap(input), dim)); }
