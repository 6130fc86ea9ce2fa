namespace Practise.Core.Models;

/// <summary>
/// A registered hook as an IDisposable, so `using` and hook lists remove it: TorchSharp's HookRemover only has
/// remove() and is a different nested type per module signature.
/// </summary>
public sealed class HookHandle(Action remove) : IDisposable
{
    private Action? remove = remove;

    public void Dispose()
    {
        remove?.Invoke();
        remove = null;
    }
}
