using System.Runtime.InteropServices;

namespace Practise.Torch.Native;

internal static partial class NativeMethods
{
    // optim.cpp
    [DllImport(Library)] internal static extern IntPtr pt_optim_state_like(TensorHandle param);
    [DllImport(Library)] internal static extern void pt_optim_zero_grad(TensorHandle param, int setToNone);

    [DllImport(Library)]
    internal static extern IntPtr pt_sgd_update(TensorHandle param, TensorHandle grad, TensorHandle? momentumBuffer, double lr, double momentum,
        double dampening, double weightDecay, int nesterov, int maximize);

    [DllImport(Library)]
    internal static extern void pt_adam_update(TensorHandle param, TensorHandle grad, TensorHandle expAvg, TensorHandle expAvgSq,
        TensorHandle? maxExpAvgSq, double step, double lr, double beta1, double beta2, double eps, double weightDecay, int amsgrad, int maximize);
}
