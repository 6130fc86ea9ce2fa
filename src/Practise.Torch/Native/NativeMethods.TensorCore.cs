using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    [DllImport(Library)] internal static extern IntPtr pt_tensor_from_data(IntPtr data, long[] shape, long ndim, int dtype);
    [DllImport(Library)] internal static extern void pt_tensor_copy_to(TensorHandle tensor, IntPtr destination, long nbytes);
    [DllImport(Library)] internal static extern IntPtr pt_empty(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_zeros(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_ones(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_full(long[] shape, long ndim, double value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr pt_randn(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_rand(long[] shape, long ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [DllImport(Library)] internal static extern IntPtr pt_randint(long low, long high, long[] shape, long ndim, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern long pt_tensor_ndim(TensorHandle tensor);
    [DllImport(Library)] internal static extern void pt_tensor_shape(TensorHandle tensor, long[] shape);
    [DllImport(Library)] internal static extern int pt_tensor_dtype(TensorHandle tensor);
    [DllImport(Library)] internal static extern int pt_tensor_device_type(TensorHandle tensor);
    [DllImport(Library)] internal static extern int pt_tensor_device_index(TensorHandle tensor);
    [DllImport(Library)] internal static extern double pt_tensor_item(TensorHandle tensor);
    [DllImport(Library)] internal static extern IntPtr pt_tensor_to(TensorHandle tensor, int dtype, int deviceType, int deviceIndex);
    [DllImport(Library)] internal static extern IntPtr pt_tensor_clone(TensorHandle tensor);
    [DllImport(Library)] internal static extern IntPtr pt_tensor_alias(TensorHandle tensor);
    [DllImport(Library)] internal static extern void pt_tensor_copy_(TensorHandle destination, TensorHandle source);
    [DllImport(Library)] internal static extern void pt_tensor_set_data(TensorHandle tensor, TensorHandle source);

    // autograd.cpp
    [DllImport(Library)] internal static extern int pt_tensor_requires_grad(TensorHandle tensor);
    [DllImport(Library)] internal static extern void pt_tensor_set_requires_grad(TensorHandle tensor, int requiresGrad);
    [DllImport(Library)] internal static extern void pt_tensor_backward(TensorHandle tensor, TensorHandle gradient, int retainGraph);
    [DllImport(Library)] internal static extern IntPtr pt_tensor_grad(TensorHandle tensor);
    [DllImport(Library)] internal static extern void pt_tensor_set_grad(TensorHandle tensor, TensorHandle gradient);
    [DllImport(Library)] internal static extern IntPtr pt_tensor_detach(TensorHandle tensor);
}
