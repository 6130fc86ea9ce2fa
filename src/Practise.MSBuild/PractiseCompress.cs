using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Practise.MSBuild;

/// <summary>
/// Runs <c>practise compress</c> out of process (the tool loads libtorch; this MSBuild node never does). Its stdout
/// summary and stderr progress lines go to the build log; its error lines are already in MSBuild's canonical form
/// (<c>practise: error PRAC0003: …</c>, <c>practise.yaml(12,5): error PRAC1004: …</c>), which ToolTask turns into
/// errors with code, file and line. After a success the outputs are read back from practise.json.
/// </summary>
public sealed class PractiseCompress : ToolTask
{
    /// <summary>The manifest; metadata OutputDir, CacheDir, Device become --output, --cache-dir, --device.</summary>
    [Required] public ITaskItem Manifest { get; set; } = null!;

    /// <summary>How to start the tool, e.g. <c>dotnet tool run practise</c> or <c>dotnet exec path/Practise.Cli.dll</c>.</summary>
    [Required] public string ToolCommand { get; set; } = "";

    /// <summary>The tool's current folder (where <c>dotnet tool run</c> looks for its tool manifest).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Importance of the tool's progress lines (stderr): high, normal or low.</summary>
    public string ProgressImportance { get; set; } = "normal";

    [Output] public ITaskItem? CompressedModel { get; private set; }

    /// <summary>model.onnx beside the compressed weights, for ONNX Runtime (docs/onnx.md).</summary>
    [Output] public string? OnnxModel { get; private set; }

    [Output] public string? LatencyBeforeMs { get; private set; }

    [Output] public string? LatencyAfterMs { get; private set; }

    [Output] public string? LatencyReduction { get; private set; }

    [Output] public ITaskItem[] DroppedBlocks { get; private set; } = [];

    [Output] public string? Top1After { get; private set; }

    [Output] public string? ToolVersion { get; private set; }

    /// <summary>Where the environment comes from; replaceable so tests need not touch the process's.</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    protected override string ToolName => "practise";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override MessageImportance StandardErrorLoggingImportance =>
        Enum.TryParse<MessageImportance>(ProgressImportance, ignoreCase: true, out var importance) ? importance : MessageImportance.Normal;

    private ToolCommand Command => MSBuild.ToolCommand.Parse(ToolCommand);

    private string? OutputDir => Manifest.GetMetadata(Metadata.OutputDir) is { Length: > 0 } value ? value : null;

    protected override string GenerateFullPathToTool() => Command.ResolveProgram(Environment);

    protected override string? GetWorkingDirectory() => string.IsNullOrEmpty(WorkingDirectory) ? null : WorkingDirectory;

    /// <summary>The whole argument list after the program, quoted as needed.</summary>
    internal IReadOnlyList<string> Arguments =>
        [.. Command.Arguments, .. CompressArguments.Build(Manifest.GetMetadata("FullPath"), OutputDir,
            NonEmpty(Manifest.GetMetadata(Metadata.CacheDir)), NonEmpty(Manifest.GetMetadata(Metadata.Device)))];

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        foreach (var argument in Arguments)
        {
            // AppendFileNameIfNotNull quotes paths with spaces but would turn "--output" into "./--output".
            if (argument.StartsWith('-')) builder.AppendSwitch(argument);
            else builder.AppendFileNameIfNotNull(argument);
        }
        return builder.ToString();
    }

    public override bool Execute()
    {
        if (!base.Execute()) return false;
        if (OutputDir is null)
        {
            Log.LogMessage(MessageImportance.Low, "practise: the output folder is unknown here, so practise.json is not read");
            return true;
        }
        if (PractiseReport.TryRead(OutputDir, Log) is not { } report) return false;
        CompressedModel = report.ModelItem(Manifest.GetMetadata("FullPath"));
        OnnxModel = report.Value(nameof(OnnxModel));
        LatencyBeforeMs = report.Value(nameof(LatencyBeforeMs));
        LatencyAfterMs = report.Value(nameof(LatencyAfterMs));
        LatencyReduction = report.Value(nameof(LatencyReduction));
        Top1After = report.Value(nameof(Top1After));
        ToolVersion = report.Value(nameof(ToolVersion));
        DroppedBlocks = report.DroppedBlockItems();
        return true;
    }

    /// <summary>The tool already said what failed (in canonical form); ToolTask's "exited with code" would only repeat it.</summary>
    protected override bool HandleTaskExecutionErrors() => Log.HasLoggedErrors ? false : base.HandleTaskExecutionErrors();

    private static string? NonEmpty(string value) => value.Length > 0 ? value : null;
}
