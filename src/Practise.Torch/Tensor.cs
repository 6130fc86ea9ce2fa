using System.Runtime.InteropServices;
using Practise.Torch.Native;

namespace Practise.Torch;

public static partial class torch
{
    /// <summary>
    /// A libtorch tensor. The native tensor is released by Dispose, by the innermost DisposeScope that was active
    /// when it was created, or (last resort) by the finalizer.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private DisposeScope? scope;

        internal Tensor(IntPtr handle)
        {
            Handle = new TensorHandle(handle);
            scope = DisposeScope.Current;
            scope?.Attach(this);
        }

        internal TensorHandle Handle { get; }

        public bool IsDisposed => Handle.IsClosed;

        public long dim() => NativeResult.Check(NativeMethods.pt_tensor_ndim(Handle));

        public long[] shape
        {
            get
            {
                var sizes = new long[dim()];
                NativeMethods.pt_tensor_shape(Handle, sizes);
                NativeResult.Check();
                return sizes;
            }
        }

        public long size(int dimension)
        {
            var sizes = shape;
            return sizes[dimension < 0 ? dimension + sizes.Length : dimension];
        }

        public long numel() => shape.Aggregate(1L, (product, size) => product * size);

        public ScalarType dtype => (ScalarType)NativeResult.Check(NativeMethods.pt_tensor_dtype(Handle));

        public Device device
        {
            get
            {
                var type = (DeviceType)NativeResult.Check(NativeMethods.pt_tensor_device_type(Handle));
                return type == DeviceType.CPU ? CPU : new Device(type, NativeMethods.pt_tensor_device_index(Handle));
            }
        }

        /// <summary>The elements copied to a host array in row-major order; T must match dtype.</summary>
        public T[] data<T>() where T : unmanaged
        {
            var expected = ScalarTypeOf<T>();
            if (dtype != expected) throw new InvalidOperationException($"tensor is {dtype}, not {expected}; convert with to_type first");
            var values = new T[numel()];
            CopyTo(values, (long)values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
            return values;
        }

        /// <summary>The raw little-endian bytes of the elements in row-major order, whatever the dtype.</summary>
        public byte[] bytes()
        {
            var values = new byte[numel() * ElementSize(dtype)];
            CopyTo(values, values.Length);
            return values;
        }

        /// <summary>Copies the elements (contiguous, on the host) into a pinned managed array of exactly that size.</summary>
        private void CopyTo(Array destination, long nbytes)
        {
            var pin = GCHandle.Alloc(destination, GCHandleType.Pinned);
            try
            {
                NativeMethods.pt_tensor_copy_to(Handle, pin.AddrOfPinnedObject(), nbytes);
                NativeResult.Check();
            }
            finally
            {
                pin.Free();
            }
        }

        /// <summary>The single element of a one-element tensor, as PyTorch's .item().</summary>
        public T item<T>() where T : unmanaged
        {
            var value = NativeResult.Check(NativeMethods.pt_tensor_item(Handle));
            return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }

        public Tensor to(Device target) => NativeResult.Tensor(NativeMethods.pt_tensor_to(Handle, (int)dtype, (int)target.type, target.NativeIndex));

        public Tensor to(ScalarType type) => to_type(type);

        public Tensor to_type(ScalarType type)
        {
            var here = device;
            return NativeResult.Tensor(NativeMethods.pt_tensor_to(Handle, (int)type, (int)here.type, here.NativeIndex));
        }

        public Tensor cpu() => to(CPU);

        public Tensor cuda() => to(CUDA);

        public Tensor clone() => NativeResult.Tensor(NativeMethods.pt_tensor_clone(Handle));

        /// <summary>A second handle to the same tensor (shares storage and autograd identity), owned separately.</summary>
        public Tensor alias() => NativeResult.Tensor(NativeMethods.pt_tensor_alias(Handle));

        public Tensor copy_(Tensor source)
        {
            NativeMethods.pt_tensor_copy_(Handle, source.Handle);
            NativeResult.Check();
            return this;
        }

        /// <summary>Replaces this tensor's storage with source's, keeping this handle's identity.</summary>
        public void SetData(Tensor source)
        {
            NativeMethods.pt_tensor_set_data(Handle, source.Handle);
            NativeResult.Check();
        }

        // ---- autograd -------------------------------------------------------------------------------------------

        public bool requires_grad
        {
            get => NativeResult.Check(NativeMethods.pt_tensor_requires_grad(Handle)) != 0;
            set
            {
                NativeMethods.pt_tensor_set_requires_grad(Handle, value ? 1 : 0);
                NativeResult.Check();
            }
        }

        public Tensor requires_grad_(bool value = true)
        {
            requires_grad = value;
            return this;
        }

        public void backward(Tensor? gradient = null, bool retain_graph = false)
        {
            NativeMethods.pt_tensor_backward(Handle, gradient.HandleOrNone(), retain_graph ? 1 : 0);
            NativeResult.Check();
        }

        /// <summary>The accumulated gradient, or null before any backward (PyTorch's None). A new handle each get.</summary>
        public Tensor? grad
        {
            get => NativeResult.OptionalTensor(NativeMethods.pt_tensor_grad(Handle));
            set
            {
                NativeMethods.pt_tensor_set_grad(Handle, value.HandleOrNone());
                NativeResult.Check();
            }
        }

        public Tensor detach() => NativeResult.Tensor(NativeMethods.pt_tensor_detach(Handle));

        // ---- lifetime -------------------------------------------------------------------------------------------

        /// <summary>Hands this tensor to the enclosing dispose scope (or to nobody at the outermost one).</summary>
        public Tensor MoveToOuterDisposeScope()
        {
            var outer = scope?.Outer;
            scope?.Detach(this);
            scope = outer;
            outer?.Attach(this);
            return this;
        }

        /// <summary>Takes this tensor out of every dispose scope: the caller disposes it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            scope?.Detach(this);
            scope = null;
            return this;
        }

        public void Dispose()
        {
            scope?.Detach(this);
            scope = null;
            DisposeWithoutScope();
            GC.SuppressFinalize(this);
        }

        internal void DisposeWithoutScope() => Handle.Dispose();

        public override string ToString() => $"Tensor({string.Join("x", shape)}, {dtype}, {device})";
    }
}
