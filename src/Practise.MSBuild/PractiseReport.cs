using System.Globalization;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Practise.MSBuild;

/// <summary>What a build needs from practise.json, read without the tool's assemblies (plain JSON).</summary>
internal sealed record PractiseReport(
    string ModelPath,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> DroppedBlocks)
{
    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, ReportFields.FileName);

    public static PractiseReport Read(string outputDirectory)
    {
        var path = PathIn(outputDirectory);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in ReportFields.ModelMetadata.Values.Concat(ReportFields.ByOutput.Values).Distinct())
        {
            if (Find(root, field) is { } value && value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined))
            {
                values[field] = value.ValueKind == JsonValueKind.Number
                    ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture)
                    : value.GetString() ?? "";
            }
        }
        var dropped = Find(root, "dropped_blocks") is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Select(block => block.GetString() ?? "").ToList()
            : [];
        var model = values.GetValueOrDefault("model") ?? throw new InvalidDataException($"{path} has no 'model' field");
        return new PractiseReport(Path.GetFullPath(model, outputDirectory), values, dropped);
    }

    public string? Value(string output) => Values.GetValueOrDefault(ReportFields.ByOutput[output]);

    /// <summary>The compressed model as an item whose metadata carry the headline numbers.</summary>
    public ITaskItem ModelItem(string manifest)
    {
        var item = new TaskItem(ModelPath);
        foreach (var (name, field) in ReportFields.ModelMetadata)
        {
            item.SetMetadata(name, field == "dropped_blocks" ? string.Join(";", DroppedBlocks) : Values.GetValueOrDefault(field) ?? "");
        }
        item.SetMetadata("Manifest", manifest);
        item.SetMetadata("Report", PathIn(Path.GetDirectoryName(ModelPath) ?? "."));
        return item;
    }

    public ITaskItem[] DroppedBlockItems() => DroppedBlocks.Select(block => (ITaskItem)new TaskItem(block)).ToArray();

    private static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current;
    }
}
