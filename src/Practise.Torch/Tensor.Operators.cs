using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        // Each operator result is a new tensor: inside a DisposeScope intermediates of long expressions are released
        // with the scope, outside one they need disposing like any other tensor.

        public static Tensor operator +(Tensor left, Tensor right) => left.add(right);

        public static Tensor operator +(Tensor left, double right) => left.add(right);

        public static Tensor operator +(double left, Tensor right) => right.add(left);

        public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);

        public static Tensor operator -(Tensor left, double right) => left.sub(right);

        public static Tensor operator -(double left, Tensor right) => NativeResult.Tensor(NativeMethods.pt_rsub_scalar(right.Handle, left));

        public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);

        public static Tensor operator *(Tensor left, double right) => left.mul(right);

        public static Tensor operator *(double left, Tensor right) => right.mul(left);

        public static Tensor operator /(Tensor left, Tensor right) => left.div(right);

        public static Tensor operator /(Tensor left, double right) => left.div(right);

        public static Tensor operator /(double left, Tensor right) => NativeResult.Tensor(NativeMethods.pt_rdiv_scalar(right.Handle, left));

        public static Tensor operator -(Tensor tensor) => tensor.neg();
    }
}
