namespace Practise.MSBuild;

/// <summary>
/// Which practise.json field each task output comes from (a drift test checks both sides: every [Output] is listed
/// here, and every path exists in the tool's CompressionReport).
/// </summary>
internal static class ReportFields
{
    public const string FileName = "practise.json";

    public static readonly IReadOnlyDictionary<string, string> ByOutput = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CompressedModel"] = "model",
        ["LatencyBeforeMs"] = "latency.before_ms",
        ["LatencyAfterMs"] = "latency.after_ms",
        ["LatencyReduction"] = "latency.reduction",
        ["DroppedBlocks"] = "dropped_blocks",
        ["Top1After"] = "accuracy.top1_after",
        ["ToolVersion"] = "tool_version",
    };

    /// <summary>Metadata on the CompressedModel item, with its field.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModelMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Sha256"] = "model_sha256",
        ["Arch"] = "arch",
        ["LatencyBeforeMs"] = "latency.before_ms",
        ["LatencyAfterMs"] = "latency.after_ms",
        ["LatencyReduction"] = "latency.reduction",
        ["Top1After"] = "accuracy.top1_after",
        ["DroppedBlocks"] = "dropped_blocks",
        ["ToolVersion"] = "tool_version",
    };
}
