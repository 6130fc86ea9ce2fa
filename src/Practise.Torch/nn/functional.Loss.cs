using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                NativeResult.Tensor(NativeMethods.pt_mse_loss(input.Handle, target.Handle, ElementwiseReduction(reduction)));

            /// <summary>
            /// Cross entropy of (N, C, ...) logits against int64 class indices (N, ...); <paramref name="label_smoothing"/>
            /// mixes the one-hot target with the uniform distribution, as in PyTorch.
            /// </summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double label_smoothing = 0) =>
                NativeResult.Tensor(NativeMethods.pt_cross_entropy(input.Handle, target.Handle, ElementwiseReduction(reduction), label_smoothing));

            /// <summary>
            /// KL divergence with <paramref name="input"/> as log-probabilities (and <paramref name="target"/> too when
            /// <paramref name="log_target"/>). <see cref="Reduction.BatchMean"/> gives the true KL divergence per sample.
            /// </summary>
            public static Tensor kl_div(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, bool log_target = false) =>
                NativeResult.Tensor(NativeMethods.pt_kl_div(input.Handle, target.Handle, (int)reduction, log_target ? 1 : 0));

            private static int ElementwiseReduction(Reduction reduction) =>
                reduction == Reduction.BatchMean
                    ? throw new ArgumentException("Reduction.BatchMean is only valid for kl_div", nameof(reduction))
                    : (int)reduction;
        }
    }
}
