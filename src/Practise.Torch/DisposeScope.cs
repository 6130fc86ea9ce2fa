namespace Practise.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope and disposes them together,
/// so training loops keep native memory flat without a Dispose per intermediate.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<torch.Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    internal DisposeScope? Outer => outer;

    public int Count => tensors.Count;

    internal void Attach(torch.Tensor tensor) => tensors.Add(tensor);

    internal void Detach(torch.Tensor tensor) => tensors.Remove(tensor);

    /// <summary>Keeps the given tensors alive past this scope by handing them to the enclosing one (if any).</summary>
    public void MoveToOuter(params torch.Tensor[] keep)
    {
        foreach (var tensor in keep) tensor.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in tensors) tensor.DisposeWithoutScope();
        tensors.Clear();
        // Scopes nest strictly; restoring the outer one keeps the stack consistent even if disposed out of order.
        if (current == this) current = outer;
    }
}
