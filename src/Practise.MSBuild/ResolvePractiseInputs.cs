using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Practise.Contract;
using Practise.Manifest;

namespace Practise.MSBuild;

/// <summary>
/// For each &lt;PractiseCompress&gt; manifest: the files the compression reads (the target's Inputs), where its stamp and
/// model go (its Outputs), and a settings file that changes whenever the command line or the tool version does.
/// A manifest this copy of the reader cannot load is not an error here: the tool validates it and reports its errors.
/// </summary>
public sealed class ResolvePractiseInputs : Microsoft.Build.Utilities.Task
{
    [Required] public ITaskItem[] Manifests { get; set; } = [];

    [Required] public string ToolCommand { get; set; } = "";

    [Required] public string IntermediateDirectory { get; set; } = "";

    [Required] public string ProjectDirectory { get; set; } = "";

    /// <summary>Overrides the version read from the tool manifest (for a tool not started by <c>dotnet tool run</c>).</summary>
    public string? ToolVersion { get; set; }

    /// <summary>Defaults for the items' metadata of the same name.</summary>
    public string? OutputDir { get; set; }

    public string? CacheDir { get; set; }

    public string? Device { get; set; }

    /// <summary>The manifests with full paths and resolved metadata (OutputDir, CacheDir, Device, StampFile, ModelFile).</summary>
    [Output] public ITaskItem[] ResolvedManifests { get; private set; } = [];

    /// <summary>Every input, each carrying its manifest's StampFile and ModelFile so the target batches per manifest.</summary>
    [Output] public ITaskItem[] Inputs { get; private set; } = [];

    public override bool Execute()
    {
        var resolved = new List<ITaskItem>();
        var inputs = new List<ITaskItem>();
        var command = MSBuild.ToolCommand.Parse(ToolCommand);
        var toolManifest = MSBuild.ToolVersion.FindToolManifest(ProjectDirectory);
        var version = string.IsNullOrEmpty(ToolVersion) && toolManifest is not null ? MSBuild.ToolVersion.Pinned(toolManifest) : ToolVersion;
        Directory.CreateDirectory(IntermediateDirectory);
        foreach (var item in Manifests)
        {
            var manifest = Path.GetFullPath(item.ItemSpec, ProjectDirectory);
            var (found, problem) = TryFind(manifest);
            var outputDir = FullPathOrNull(Setting(item, Metadata.OutputDir, OutputDir)) ?? found?.OutputDir;
            var cacheDir = FullPathOrNull(Setting(item, Metadata.CacheDir, CacheDir));
            var device = Setting(item, Metadata.Device, Device);
            if (problem is not null)
            {
                Log.LogMessage(MessageImportance.Low, $"practise: {manifest} not read in-process ({problem}); the tool will validate it");
            }
            var name = $"{Path.GetFileNameWithoutExtension(manifest)}-{ManifestInputs.Hash(manifest)[..8]}";
            var stamp = Path.GetFullPath(Path.Combine(IntermediateDirectory, name + ".stamp"), ProjectDirectory);
            var settings = Path.ChangeExtension(stamp, ".settings");
            var model = outputDir is null ? "" : Path.Combine(outputDir, ArtifactNames.Weights);
            WriteIfDifferent(settings, string.Join("\n",
                $"command: {ToolCommand}",
                $"arguments: {string.Join(" ", CompressArguments.Build(manifest, outputDir, cacheDir, device))}",
                $"tool-version: {version ?? "unknown"}",
                $"inputs: {found?.Fingerprint ?? "unknown"}") + "\n");

            var resolvedItem = new TaskItem(manifest);
            item.CopyMetadataTo(resolvedItem);
            resolvedItem.SetMetadata(Metadata.OutputDir, outputDir ?? "");
            resolvedItem.SetMetadata(Metadata.CacheDir, cacheDir ?? "");
            resolvedItem.SetMetadata(Metadata.Device, device ?? "");
            resolvedItem.SetMetadata(Metadata.StampFile, stamp);
            resolvedItem.SetMetadata(Metadata.ModelFile, model);
            resolvedItem.SetMetadata(Metadata.SettingsFile, settings);
            resolved.Add(resolvedItem);

            var files = new List<(string Path, string Role)> { (manifest, "Manifest"), (settings, "Settings") };
            files.AddRange((found?.Files ?? []).Select(file => (file, "Data")));
            if (toolManifest is not null) files.Add((toolManifest, "Tool"));
            files.AddRange(command.ExistingFiles(ProjectDirectory).Select(file => (file, "Tool")));
            foreach (var (path, role) in files)
            {
                // The manifest's own input carries every resolved setting: inside a batch it is the task's Manifest.
                var input = role == "Manifest" ? new TaskItem(resolvedItem) : new TaskItem(path);
                input.SetMetadata(Metadata.Role, role);
                input.SetMetadata(Metadata.Manifest, manifest);
                input.SetMetadata(Metadata.StampFile, stamp);
                input.SetMetadata(Metadata.ModelFile, model);
                inputs.Add(input);
            }
        }
        ResolvedManifests = [.. resolved];
        Inputs = [.. inputs];
        return !Log.HasLoggedErrors;
    }

    private static (ManifestInputs? Found, string? Problem) TryFind(string manifest)
    {
        try
        {
            return (ManifestInputs.Find(manifest), null);
        }
        catch (Exception exception) when (exception is ManifestException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, exception.Message);
        }
    }

    private static string? Setting(ITaskItem item, string name, string? fallback) =>
        item.GetMetadata(name) is { Length: > 0 } value ? value : string.IsNullOrEmpty(fallback) ? null : fallback;

    private string? FullPathOrNull(string? path) => path is null ? null : Path.GetFullPath(path, ProjectDirectory);

    /// <summary>Rewriting identical content would bump the timestamp and re-run the target on every build.</summary>
    private static void WriteIfDifferent(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        File.WriteAllText(path, content);
    }
}
