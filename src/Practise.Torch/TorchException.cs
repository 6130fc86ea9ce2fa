namespace Practise.Torch;

/// <summary>An error raised inside libtorch or the bridge, carrying libtorch's message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }

    public TorchException(string message, Exception inner) : base(message, inner) { }

    public TorchException() { }
}
