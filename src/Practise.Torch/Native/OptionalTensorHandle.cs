namespace Practise.Torch.Native;

/// <summary>
/// Passes an optional tensor to the bridge. The P/Invoke marshaller throws on a null SafeHandle, so an absent
/// tensor crosses as an invalid (zero) handle instead, which the bridge reads as null (pt::optional, "no gradient").
/// </summary>
internal static class OptionalTensorHandle
{
    private static readonly TensorHandle Absent = new(IntPtr.Zero);

    internal static TensorHandle Of(torch.Tensor? tensor) => tensor?.Handle ?? Absent;
}
