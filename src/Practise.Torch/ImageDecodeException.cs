namespace Practise.Torch;

/// <summary>An image that cannot be read or decoded, naming the file (when there is one) and what is wrong with it.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(string path, string problem) : base($"{path}: {problem}") => Path = path;

    public ImageDecodeException(string path, string problem, Exception inner) : base($"{path}: {problem}", inner) => Path = path;

    public ImageDecodeException() { }

    public ImageDecodeException(string message) : base(message) { }

    public ImageDecodeException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The file that failed; empty for in-memory data.</summary>
    public string Path { get; } = "";
}
