namespace Practise.Core.Data;

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

/// <summary>
/// What the format checks and the decoder find wrong with encoded data, before it is known whether the data came
/// from a file; ImageDecoding turns it into an <see cref="ImageDecodeException"/>, with the path when there is one.
/// </summary>
internal sealed class InvalidImageDataException(string problem) : Exception(problem)
{
    public static InvalidImageDataException Truncated(string format) => new($"truncated {format} data");

    public static InvalidImageDataException Corrupt(string format, string detail) => new($"corrupt {format} data: {detail}");
}
