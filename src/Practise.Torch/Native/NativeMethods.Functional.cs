using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    // nn_functional.cpp
    [DllImport(Library)]
    internal static extern IntPtr pt_conv2d(TensorHandle input, TensorHandle weight, TensorHandle? bias, long[] stride, long strideLength,
        long[] padding, long paddingLength, long[] dilation, long dilationLength, long groups);
    [DllImport(Library)]
    internal static extern IntPtr pt_batch_norm(TensorHandle input, TensorHandle? runningMean, TensorHandle? runningVar, TensorHandle? weight,
        TensorHandle? bias, int training, double momentum, double eps);
    [DllImport(Library)]
    internal static extern IntPtr pt_layer_norm(TensorHandle input, long[] normalizedShape, long normalizedLength, TensorHandle? weight,
        TensorHandle? bias, double eps);
    [DllImport(Library)] internal static extern IntPtr pt_linear(TensorHandle input, TensorHandle weight, TensorHandle? bias);
    [DllImport(Library)] internal static extern IntPtr pt_relu(TensorHandle input);
    [DllImport(Library)] internal static extern IntPtr pt_hardtanh(TensorHandle input, double minVal, double maxVal);
    [DllImport(Library)] internal static extern IntPtr pt_gelu(TensorHandle input, int tanhApproximation);
    [DllImport(Library)]
    internal static extern IntPtr pt_max_pool2d(TensorHandle input, long[] kernelSize, long kernelLength, long[] stride, long strideLength,
        long[] padding, long paddingLength, long[] dilation, long dilationLength, int ceilMode);
    [DllImport(Library)]
    internal static extern IntPtr pt_avg_pool2d(TensorHandle input, long[] kernelSize, long kernelLength, long[] stride, long strideLength,
        long[] padding, long paddingLength);
    [DllImport(Library)] internal static extern IntPtr pt_adaptive_avg_pool2d(TensorHandle input, long[] outputSize, long outputLength);
    [DllImport(Library)] internal static extern IntPtr pt_interpolate(TensorHandle input, long[] size, long sizeLength, int mode, int alignCorners);
    [DllImport(Library)] internal static extern IntPtr pt_dropout(TensorHandle input, double p, int training);
    [DllImport(Library)] internal static extern IntPtr pt_softmax(TensorHandle input, long dim);
    [DllImport(Library)] internal static extern IntPtr pt_log_softmax(TensorHandle input, long dim);

    // nn_loss.cpp
    [DllImport(Library)] internal static extern IntPtr pt_mse_loss(TensorHandle input, TensorHandle target, int reduction);
    [DllImport(Library)] internal static extern IntPtr pt_cross_entropy(TensorHandle input, TensorHandle target, int reduction, double labelSmoothing);
    [DllImport(Library)] internal static extern IntPtr pt_kl_div(TensorHandle input, TensorHandle target, int reduction, int logTarget);
}
