using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Practise.Contract;

namespace Practise.MSBuild;

/// <summary>
/// Reads each manifest's practise.json on every build, skipped compression included, so the compressed model and the
/// artifacts are items (for FileWrites, copying, and the consumer's own targets) whether or not the tool ran.
/// </summary>
public sealed class ReadPractiseReport : Microsoft.Build.Utilities.Task
{
    [Required] public ITaskItem[] Manifests { get; set; } = [];

    /// <summary>Folder under $(OutDir) for the artifacts of a manifest without CopyTo metadata.</summary>
    public string CopyTo { get; set; } = "practise/";

    /// <summary>The compressed model of each manifest; metadata carry latency, dropped blocks, SHA-256 (see ReportFields).</summary>
    [Output] public ITaskItem[] CompressedModels { get; private set; } = [];

    /// <summary>Every file in each output folder, with the folder in OutputDir and the manifest in Manifest.</summary>
    [Output] public ITaskItem[] Artifacts { get; private set; } = [];

    public override bool Execute()
    {
        var models = new List<ITaskItem>();
        var artifacts = new List<ITaskItem>();
        foreach (var manifest in Manifests)
        {
            var outputDir = manifest.GetMetadata(Metadata.OutputDir);
            if (outputDir.Length == 0 || !File.Exists(PractiseJson.PathIn(outputDir))) continue;
            if (PractiseReport.TryRead(outputDir, Log) is not { } report) continue;
            models.Add(report.ModelItem(manifest.ItemSpec));
            foreach (var file in Directory.EnumerateFiles(outputDir).Order(StringComparer.Ordinal))
            {
                var artifact = new TaskItem(file);
                artifact.SetMetadata(Metadata.OutputDir, outputDir);
                artifact.SetMetadata(Metadata.Manifest, manifest.ItemSpec);
                artifact.SetMetadata(nameof(CopyTo), manifest.GetMetadata(nameof(CopyTo)) is { Length: > 0 } copyTo ? copyTo : CopyTo);
                artifacts.Add(artifact);
            }
        }
        CompressedModels = [.. models];
        Artifacts = [.. artifacts];
        return !Log.HasLoggedErrors;
    }
}
