using Practise.Core.Serialization;
using static TorchSharp.torch;

namespace Practise.Testing;

/// <summary>Stored PyTorch outputs under tests/fixtures (made by the make_*.py scripts there).</summary>
public static class Fixtures
{
    public static string Directory { get; } = FindDirectory();

    public static string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>Loads one fixture file; dispose the returned set to release its tensors.</summary>
    public static FixtureSet Load(string relativePath) => new(Safetensors.Load(PathOf(relativePath)));

    private static string FindDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>Named tensors from one fixture file.</summary>
public sealed class FixtureSet(Dictionary<string, Tensor> tensors) : IDisposable
{
    public Tensor this[string name] =>
        tensors.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"fixture has no tensor '{name}' (has: {string.Join(", ", tensors.Keys.Order())})");

    public IEnumerable<string> Names => tensors.Keys;

    public bool Contains(string name) => tensors.ContainsKey(name);

    public void Dispose()
    {
        foreach (var tensor in tensors.Values) tensor.Dispose();
    }
}
