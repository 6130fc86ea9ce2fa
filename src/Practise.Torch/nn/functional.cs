using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>torch.nn.functional: stateless layers, with PyTorch's defaults and results (forward and backward).</summary>
        public static partial class functional
        {
            private static readonly long[] Ones = [1, 1];
            private static readonly long[] Zeros = [0, 0];

            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null,
                long[]? dilation = null, long groups = 1)
            {
                stride ??= Ones;
                padding ??= Zeros;
                dilation ??= Ones;
                return NativeResult.Tensor(NativeMethods.pt_conv2d(input.Handle, weight.Handle, bias.HandleOrNone(), stride, stride.Length,
                    padding, padding.Length, dilation, dilation.Length, groups));
            }

            /// <summary>When <paramref name="training"/>, normalizes with batch statistics and updates the running ones in place.</summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null, Tensor? bias = null,
                bool training = false, double momentum = 0.1, double eps = 1e-5) =>
                NativeResult.Tensor(NativeMethods.pt_batch_norm(input.Handle, running_mean.HandleOrNone(), running_var.HandleOrNone(), weight.HandleOrNone(),
                    bias.HandleOrNone(), training ? 1 : 0, momentum, eps));

            public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5) =>
                NativeResult.Tensor(NativeMethods.pt_layer_norm(input.Handle, normalized_shape, normalized_shape.Length, weight.HandleOrNone(),
                    bias.HandleOrNone(), eps));

            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
                NativeResult.Tensor(NativeMethods.pt_linear(input.Handle, weight.Handle, bias.HandleOrNone()));

            public static Tensor relu(Tensor input) => NativeResult.Tensor(NativeMethods.pt_relu(input.Handle));

            public static Tensor relu6(Tensor input) => hardtanh(input, 0, 6);

            public static Tensor hardtanh(Tensor input, double min_val = -1, double max_val = 1) =>
                NativeResult.Tensor(NativeMethods.pt_hardtanh(input.Handle, min_val, max_val));

            public static Tensor gelu(Tensor input, bool tanh_approximation = false) =>
                NativeResult.Tensor(NativeMethods.pt_gelu(input.Handle, tanh_approximation ? 1 : 0));

            /// <summary>A null <paramref name="stride"/> means the kernel size, as in PyTorch.</summary>
            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
                long[]? dilation = null, bool ceil_mode = false)
            {
                stride ??= kernel_size;
                padding ??= Zeros;
                dilation ??= Ones;
                return NativeResult.Tensor(NativeMethods.pt_max_pool2d(input.Handle, kernel_size, kernel_size.Length, stride, stride.Length,
                    padding, padding.Length, dilation, dilation.Length, ceil_mode ? 1 : 0));
            }

            /// <summary>A null <paramref name="stride"/> means the kernel size; padding counts towards the average, as in PyTorch.</summary>
            public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null)
            {
                stride ??= kernel_size;
                padding ??= Zeros;
                return NativeResult.Tensor(NativeMethods.pt_avg_pool2d(input.Handle, kernel_size, kernel_size.Length, stride, stride.Length,
                    padding, padding.Length));
            }

            public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) =>
                NativeResult.Tensor(NativeMethods.pt_adaptive_avg_pool2d(input.Handle, output_size, output_size.Length));

            /// <summary>Resizes (N, C, H, W) input to <paramref name="size"/> = (H, W); <paramref name="mode"/> is "nearest" or "bilinear".</summary>
            public static Tensor interpolate(Tensor input, long[] size, string mode = "bilinear", bool align_corners = false)
            {
                var nativeMode = mode switch
                {
                    "nearest" => 0,
                    "bilinear" => 1,
                    _ => throw new ArgumentException($"interpolation mode '{mode}' is not supported; use \"nearest\" or \"bilinear\"", nameof(mode)),
                };
                return NativeResult.Tensor(NativeMethods.pt_interpolate(input.Handle, size, size.Length, nativeMode, align_corners ? 1 : 0));
            }

            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true) =>
                NativeResult.Tensor(NativeMethods.pt_dropout(input.Handle, p, training ? 1 : 0));

            public static Tensor softmax(Tensor input, long dim) => NativeResult.Tensor(NativeMethods.pt_softmax(input.Handle, dim));

            public static Tensor log_softmax(Tensor input, long dim) => NativeResult.Tensor(NativeMethods.pt_log_softmax(input.Handle, dim));
        }
    }
}
