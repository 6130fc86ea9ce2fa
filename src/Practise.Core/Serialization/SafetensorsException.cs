namespace Practise.Core.Serialization;

/// <summary>A safetensors file that cannot be read, naming the file and what is wrong with it.</summary>
public sealed class SafetensorsException : Exception
{
    public SafetensorsException(string path, string problem) : base($"{path}: {problem}") => Path = path;

    public SafetensorsException(string path, string problem, Exception inner) : base($"{path}: {problem}", inner) => Path = path;

    public SafetensorsException() { }

    public SafetensorsException(string message) : base(message) { }

    public SafetensorsException(string message, Exception inner) : base(message, inner) { }

    public string Path { get; } = "";
}
