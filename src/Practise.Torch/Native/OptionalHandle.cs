namespace Practise.Torch.Native;

/// <summary>
/// The DllImport marshaller throws on a null SafeHandle, so an absent optional tensor (a conv without bias) crosses the
/// boundary as one shared zero handle, which the bridge's pt::optional reads as "none".
/// </summary>
internal static class OptionalHandle
{
    // Invalid (zero) handles are never released, so this one can be shared for the life of the process.
    private static readonly TensorHandle None = new(IntPtr.Zero);

    internal static TensorHandle HandleOrNone(this torch.Tensor? tensor) => tensor?.Handle ?? None;
}
