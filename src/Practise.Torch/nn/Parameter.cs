using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>A tensor a module owns and trains: requires grad by default, never collected by a dispose scope.</summary>
        public sealed class Parameter : Tensor
        {
            public Parameter(Tensor data, bool requires_grad = true)
                : base(NativeMethods.pt_tensor_detach(data.Handle))
            {
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }

            /// <summary>Wraps a freshly made tensor and releases that temporary, so constructors leak no handle.</summary>
            public static Parameter Adopt(Tensor data, bool requires_grad = true)
            {
                using (data) return new Parameter(data, requires_grad);
            }
        }
    }
}
