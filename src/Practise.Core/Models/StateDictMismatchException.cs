namespace Practise.Core.Models;

/// <summary>Weights that do not fit a model: every missing, unexpected and mis-shaped key is listed.</summary>
public sealed class StateDictMismatchException : Exception
{
    public StateDictMismatchException(string model, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
        : base(Describe(model, missing, unexpected, misShaped))
    {
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
    }

    public StateDictMismatchException() : this("model", [], [], []) { }

    public StateDictMismatchException(string message) : base(message) { }

    public StateDictMismatchException(string message, Exception inner) : base(message, inner) { }

    public IReadOnlyList<string> Missing { get; } = [];

    public IReadOnlyList<string> Unexpected { get; } = [];

    public IReadOnlyList<string> MisShaped { get; } = [];

    private static string Describe(string model, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing keys: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) parts.Add($"unexpected keys: {string.Join(", ", unexpected)}");
        if (misShaped.Count > 0) parts.Add($"mis-shaped keys: {string.Join("; ", misShaped)}");
        return $"weights do not match {model}: {string.Join(" | ", parts)}";
    }
}
