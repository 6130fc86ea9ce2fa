using System.Text.Json.Serialization;

namespace Practise.Contract;

/// <summary>
/// practise.json: everything a build, a person or MSBuild needs to know about one compression. The tool writes it and
/// the MSBuild task reads it through these same types, so the two cannot disagree on a field's name or type.
/// </summary>
public sealed record CompressionReport
{
    [JsonPropertyName("tool_version")] public required string ToolVersion { get; init; }
    [JsonPropertyName("arch")] public required string Arch { get; init; }
    [JsonPropertyName("inputs")] public required ReportInputs Inputs { get; init; }
    [JsonPropertyName("criterion")] public required string Criterion { get; init; }
    [JsonPropertyName("budget")] public required string Budget { get; init; }
    [JsonPropertyName("device")] public required string Device { get; init; }
    [JsonPropertyName("blocks")] public required IReadOnlyList<ReportBlock> Blocks { get; init; }
    [JsonPropertyName("dropped_blocks")] public required IReadOnlyList<string> DroppedBlocks { get; init; }
    [JsonPropertyName("latency")] public required ReportLatency Latency { get; init; }

    /// <summary>Latency of the first k ranked blocks dropped, k = 0 (the teacher) upwards: the selection's trade-off curve.</summary>
    [JsonPropertyName("latency_curve")] public required IReadOnlyList<ReportCurvePoint> LatencyCurve { get; init; }
    [JsonPropertyName("accuracy")] public ReportAccuracy? Accuracy { get; init; }
    [JsonPropertyName("model")] public required string ModelPath { get; init; }
    [JsonPropertyName("model_sha256")] public required string ModelSha256 { get; init; }

    /// <summary>model.onnx beside the weights (docs/onnx.md); absent in reports of tools before ONNX export.</summary>
    [JsonPropertyName("onnx_model")] public string? OnnxModelPath { get; init; }
    [JsonPropertyName("phases")] public required IReadOnlyDictionary<string, double> PhaseSeconds { get; init; }

    /// <summary>What was removed: blocks, channels or blocks+channels (the manifest's method); absent in reports of tools before channel pruning.</summary>
    [JsonPropertyName("method")] public string? Method { get; init; }

    /// <summary>The channel pruning, with a method that includes channels; null otherwise.</summary>
    [JsonPropertyName("channels")] public ReportChannels? Channels { get; init; }
}

/// <summary>
/// Channel pruning's outcome (docs/channel-pruning.md): the ratio and whether the latency budget chose it
/// ("budget") or channels.ratio fixed it ("channels.ratio"), whether means were compensated, which network the
/// statistics were measured on, each hidden layer's channels, and the latency of every ratio measured.
/// </summary>
public sealed record ReportChannels(
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("ratio_source")] string RatioSource,
    [property: JsonPropertyName("compensate")] bool Compensate,
    [property: JsonPropertyName("statistics_from")] string StatisticsFrom,
    [property: JsonPropertyName("layers")] IReadOnlyList<ReportChannelLayer> Layers,
    [property: JsonPropertyName("ratio_curve")] IReadOnlyList<ReportRatioPoint> RatioCurve)
{
    /// <summary>channels.ranking as the manifest spells it: "global" or "per-layer".</summary>
    [JsonPropertyName("ranking")]
    public string Ranking { get; init; } = "global";
}

/// <summary>One hidden layer ("block.conv", original names): its width in the teacher, the channels kept and the indices removed.</summary>
public sealed record ReportChannelLayer(
    [property: JsonPropertyName("layer")] string Layer,
    [property: JsonPropertyName("width")] long Width,
    [property: JsonPropertyName("kept")] long Kept,
    [property: JsonPropertyName("removed")] IReadOnlyList<long> Removed);

/// <summary>The latency of one ratio measured (median and 90% interval on the teacher's milliseconds scale).</summary>
public sealed record ReportRatioPoint(
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("low_ms")] double LowMs,
    [property: JsonPropertyName("high_ms")] double HighMs);

public sealed record ReportInputs(
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("model_hash")] string ModelHash,
    [property: JsonPropertyName("data_hash")] string DataHash,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("seed")] int Seed)
{
    /// <summary>
    /// Where the images came from: files, idx, safetensors, synthetic or noise (data.train's kind); absent in
    /// reports of tools before data-free sets.
    /// </summary>
    [JsonPropertyName("source")] public string? Source { get; init; }

    /// <summary>A grid of sample images beside the report (synthetic and noise sets only), relative to it.</summary>
    [JsonPropertyName("samples")] public string? Samples { get; init; }
}

public sealed record ReportBlock(
    [property: JsonPropertyName("block")] string Block,
    [property: JsonPropertyName("tau")] double Tau,
    [property: JsonPropertyName("measurable")] bool Measurable,
    [property: JsonPropertyName("criterion")] double Criterion,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("dropped")] bool Dropped,
    [property: JsonPropertyName("cache_hit")] bool CacheHit,
    [property: JsonPropertyName("tau_low")] double? TauLow = null,
    [property: JsonPropertyName("tau_high")] double? TauHigh = null);

/// <summary>
/// The teacher's latency and the chosen network's. Every figure of the network is the teacher's median times a median
/// per-round ratio to the teacher; "low"/"high" bound its 90% interval. Under a latency budget, BudgetMet says whether
/// the whole interval meets it.
/// </summary>
public sealed record ReportLatency(
    [property: JsonPropertyName("before_ms")] double BeforeMs,
    [property: JsonPropertyName("before_p25_ms")] double BeforeP25Ms,
    [property: JsonPropertyName("before_p75_ms")] double BeforeP75Ms,
    [property: JsonPropertyName("after_ms")] double AfterMs,
    [property: JsonPropertyName("after_p25_ms")] double AfterP25Ms,
    [property: JsonPropertyName("after_p75_ms")] double AfterP75Ms,
    [property: JsonPropertyName("reduction")] double Reduction,
    [property: JsonPropertyName("batch")] int Batch,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("from_profile")] bool FromProfile,
    [property: JsonPropertyName("target_ms")] double? TargetMs = null)
{
    [JsonPropertyName("after_low_ms")] public double? AfterLowMs { get; init; }
    [JsonPropertyName("after_high_ms")] public double? AfterHighMs { get; init; }
    [JsonPropertyName("reduction_low")] public double? ReductionLow { get; init; }
    [JsonPropertyName("reduction_high")] public double? ReductionHigh { get; init; }

    /// <summary>The reduction a latency budget asks for; null for a block count.</summary>
    [JsonPropertyName("required_reduction")] public double? RequiredReduction { get; init; }

    /// <summary>Whether the reduction's whole interval meets the latency budget; null for a block count.</summary>
    [JsonPropertyName("budget_met")] public bool? BudgetMet { get; init; }

    /// <summary>The fewest blocks whose summed single-block savings reach the budget: the check the choice passed.</summary>
    [JsonPropertyName("predicted_blocks")] public int? PredictedBlocks { get; init; }

    /// <summary>Measured prefix reductions ÷ summed single-block savings (least squares): 1 when savings add up.</summary>
    [JsonPropertyName("interaction")] public double? Interaction { get; init; }

    /// <summary>The first session's choice was far from the prediction and a fresh session decided.</summary>
    [JsonPropertyName("remeasured")] public bool Remeasured { get; init; }

    /// <summary>Rounds behind the decision's figures, and rounds set aside as disturbed; null when read from a profile or cache.</summary>
    [JsonPropertyName("rounds")] public int? Rounds { get; init; }
    [JsonPropertyName("set_aside_rounds")] public int? SetAsideRounds { get; init; }

    /// <summary>Too few quiet rounds came before latency.max-seconds, so the figures include disturbed rounds.</summary>
    [JsonPropertyName("disturbed")] public bool Disturbed { get; init; }
}

/// <summary>
/// One prefix of the ranking: its size, its blocks (in ranked order) and its latency: median, p25–p75 of the
/// per-round ratios and their median's 90% interval, all on the teacher's milliseconds scale; and the reduction the
/// single-block savings predict for it (additive).
/// </summary>
public sealed record ReportCurvePoint(
    [property: JsonPropertyName("blocks_dropped")] int BlocksDropped,
    [property: JsonPropertyName("dropped")] IReadOnlyList<string> Dropped,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("p25_ms")] double P25Ms,
    [property: JsonPropertyName("p75_ms")] double P75Ms)
{
    [JsonPropertyName("low_ms")] public double? LowMs { get; init; }
    [JsonPropertyName("high_ms")] public double? HighMs { get; init; }
    [JsonPropertyName("predicted_reduction")] public double? PredictedReduction { get; init; }
}

public sealed record ReportAccuracy(
    [property: JsonPropertyName("top1_before")] double Top1Before,
    [property: JsonPropertyName("top1_pruned_no_finetune")] double Top1PrunedNoFinetune,
    [property: JsonPropertyName("top1_after")] double Top1After,
    [property: JsonPropertyName("top5_after")] double Top5After,
    [property: JsonPropertyName("images")] long Images);
