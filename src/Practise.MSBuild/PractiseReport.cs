using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Practise.Contract;

namespace Practise.MSBuild;

/// <summary>practise.json, read into the tool's own types (Practise.Contract, which holds no Torch), as MSBuild items.</summary>
internal sealed record PractiseReport(CompressionReport Result, string ModelPath)
{
    /// <summary>The report in <paramref name="outputDirectory"/>, or null after logging PRAC0006 with what is wrong.</summary>
    public static PractiseReport? TryRead(string outputDirectory, TaskLoggingHelper log)
    {
        try
        {
            var result = PractiseJson.Read(outputDirectory);
            return new PractiseReport(result, Path.GetFullPath(result.ModelPath, outputDirectory));
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            log.LogError(null, "PRAC0006", null, PractiseJson.PathIn(outputDirectory), 0, 0, 0, 0, $"cannot read the tool's result: {exception.Message}");
            return null;
        }
    }

    /// <summary>The value of a CompressedModel metadata (and of the task output of the same name); null when absent.</summary>
    public string? Value(string name) => ReportFields.ModelMetadata[name](Result);

    /// <summary>The compressed model as an item whose metadata carry the headline numbers.</summary>
    public ITaskItem ModelItem(string manifest)
    {
        var item = new TaskItem(ModelPath);
        foreach (var (name, field) in ReportFields.ModelMetadata)
        {
            item.SetMetadata(name, field(Result) ?? "");
        }
        item.SetMetadata("Manifest", manifest);
        item.SetMetadata("Report", PractiseJson.PathIn(Path.GetDirectoryName(ModelPath) ?? "."));
        return item;
    }

    public ITaskItem[] DroppedBlockItems() => Result.DroppedBlocks.Select(block => (ITaskItem)new TaskItem(block)).ToArray();
}
