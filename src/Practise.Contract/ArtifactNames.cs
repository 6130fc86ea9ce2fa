namespace Practise.Contract;

/// <summary>The files compress writes into its output folder; the tool, its report and the MSBuild task name them from here.</summary>
public static class ArtifactNames
{
    /// <summary>The pruned model's weights, under its own renumbered state_dict names (docs/pruned-models.md).</summary>
    public const string Weights = "model.safetensors";

    /// <summary>The pruned model's descriptor: what rebuilds it in PyTorch or in <c>practise eval --model</c>.</summary>
    public const string Descriptor = "model.json";

    /// <summary>The pruned model as ONNX (opset 13, dynamic batch), for ONNX Runtime (docs/onnx.md).</summary>
    public const string Onnx = "model.onnx";

    /// <summary>The typed result, <see cref="CompressionReport"/>, read back by the MSBuild task.</summary>
    public const string Result = "practise.json";

    /// <summary>The human-readable report, which embeds the two charts.</summary>
    public const string Report = "report.md";

    public const string ScoreChart = "scores.svg";

    public const string LatencyChart = "latency.svg";

    /// <summary>Kept width per hidden layer, written beside the report when channels were pruned.</summary>
    public const string WidthChart = "widths.svg";

    /// <summary>A grid of the training images, written beside the report when they were synthesised or are noise.</summary>
    public const string Samples = "samples.png";

    /// <summary>Every artifact, in the order the tool lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Weights, Descriptor, Onnx, Result, Report, ScoreChart, LatencyChart];
}
