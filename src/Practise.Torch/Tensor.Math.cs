using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        // Binary operations broadcast as in PyTorch; scalar operands follow its type promotion (int tensor + 0.5 → float).

        public Tensor add(Tensor other) => add(other, 1);

        /// <summary>this + alpha · other.</summary>
        public Tensor add(Tensor other, double alpha) => NativeResult.Tensor(NativeMethods.pt_add(Handle, other.Handle, alpha));

        public Tensor add(double other) => NativeResult.Tensor(NativeMethods.pt_add_scalar(Handle, other));

        public Tensor sub(Tensor other) => sub(other, 1);

        /// <summary>this − alpha · other.</summary>
        public Tensor sub(Tensor other, double alpha) => NativeResult.Tensor(NativeMethods.pt_sub(Handle, other.Handle, alpha));

        public Tensor sub(double other) => NativeResult.Tensor(NativeMethods.pt_sub_scalar(Handle, other));

        public Tensor mul(Tensor other) => NativeResult.Tensor(NativeMethods.pt_mul(Handle, other.Handle));

        public Tensor mul(double other) => NativeResult.Tensor(NativeMethods.pt_mul_scalar(Handle, other));

        /// <summary>True division: integer tensors give a floating result, as in PyTorch.</summary>
        public Tensor div(Tensor other) => NativeResult.Tensor(NativeMethods.pt_div(Handle, other.Handle));

        public Tensor div(double other) => NativeResult.Tensor(NativeMethods.pt_div_scalar(Handle, other));

        public Tensor neg() => NativeResult.Tensor(NativeMethods.pt_neg(Handle));

        public Tensor matmul(Tensor other) => NativeResult.Tensor(NativeMethods.pt_matmul(Handle, other.Handle));

        public Tensor pow(double exponent) => NativeResult.Tensor(NativeMethods.pt_pow_scalar(Handle, exponent));

        public Tensor pow(Tensor exponent) => NativeResult.Tensor(NativeMethods.pt_pow(Handle, exponent.Handle));

        public Tensor sqrt() => NativeResult.Tensor(NativeMethods.pt_sqrt(Handle));

        public Tensor exp() => NativeResult.Tensor(NativeMethods.pt_exp(Handle));

        public Tensor log() => NativeResult.Tensor(NativeMethods.pt_log(Handle));

        public Tensor abs() => NativeResult.Tensor(NativeMethods.pt_abs(Handle));

        public Tensor sign() => NativeResult.Tensor(NativeMethods.pt_sign(Handle));

        public Tensor maximum(Tensor other) => NativeResult.Tensor(NativeMethods.pt_maximum(Handle, other.Handle));

        public Tensor minimum(Tensor other) => NativeResult.Tensor(NativeMethods.pt_minimum(Handle, other.Handle));

        /// <summary>Limits every element to [min, max]; a null bound is not applied (at least one must be given).</summary>
        public Tensor clamp(double? min = null, double? max = null) =>
            NativeResult.Tensor(NativeMethods.pt_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

        // ---- in place: these modify this tensor and return it (no new handle) --------------------------------------

        public Tensor add_(Tensor other) => add_(other, 1);

        public Tensor add_(Tensor other, double alpha) => InPlace(() => NativeMethods.pt_add_(Handle, other.Handle, alpha));

        public Tensor add_(double other) => InPlace(() => NativeMethods.pt_add_scalar_(Handle, other));

        public Tensor sub_(Tensor other) => sub_(other, 1);

        public Tensor sub_(Tensor other, double alpha) => InPlace(() => NativeMethods.pt_sub_(Handle, other.Handle, alpha));

        public Tensor sub_(double other) => InPlace(() => NativeMethods.pt_sub_scalar_(Handle, other));

        public Tensor mul_(Tensor other) => InPlace(() => NativeMethods.pt_mul_(Handle, other.Handle));

        public Tensor mul_(double other) => InPlace(() => NativeMethods.pt_mul_scalar_(Handle, other));

        public Tensor div_(Tensor other) => InPlace(() => NativeMethods.pt_div_(Handle, other.Handle));

        public Tensor div_(double other) => InPlace(() => NativeMethods.pt_div_scalar_(Handle, other));

        /// <summary>this += value · tensor1 · tensor2 (the optimizers' moment updates).</summary>
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1) =>
            InPlace(() => NativeMethods.pt_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value));

        /// <summary>this += value · tensor1 / tensor2.</summary>
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1) =>
            InPlace(() => NativeMethods.pt_addcdiv_(Handle, tensor1.Handle, tensor2.Handle, value));

        public Tensor zero_() => InPlace(() => NativeMethods.pt_zero_(Handle));

        public Tensor fill_(double value) => InPlace(() => NativeMethods.pt_fill_(Handle, value));

        public Tensor clamp_(double? min = null, double? max = null) =>
            InPlace(() => NativeMethods.pt_clamp_(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));

        private Tensor InPlace(Action call)
        {
            call();
            NativeResult.Check();
            return this;
        }
    }
}
