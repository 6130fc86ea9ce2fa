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
    [JsonPropertyName("phases")] public required IReadOnlyDictionary<string, double> PhaseSeconds { get; init; }
}

public sealed record ReportInputs(
    [property: JsonPropertyName("manifest")] string Manifest,
    [property: JsonPropertyName("model_hash")] string ModelHash,
    [property: JsonPropertyName("data_hash")] string DataHash,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("seed")] int Seed);

public sealed record ReportBlock(
    [property: JsonPropertyName("block")] string Block,
    [property: JsonPropertyName("tau")] double Tau,
    [property: JsonPropertyName("measurable")] bool Measurable,
    [property: JsonPropertyName("criterion")] double Criterion,
    [property: JsonPropertyName("score")] double? Score,
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("dropped")] bool Dropped,
    [property: JsonPropertyName("cache_hit")] bool CacheHit);

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
    [property: JsonPropertyName("target_ms")] double? TargetMs = null);

/// <summary>One prefix of the ranking: its size, its blocks (in ranked order) and their measured latency.</summary>
public sealed record ReportCurvePoint(
    [property: JsonPropertyName("blocks_dropped")] int BlocksDropped,
    [property: JsonPropertyName("dropped")] IReadOnlyList<string> Dropped,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("p25_ms")] double P25Ms,
    [property: JsonPropertyName("p75_ms")] double P75Ms);

public sealed record ReportAccuracy(
    [property: JsonPropertyName("top1_before")] double Top1Before,
    [property: JsonPropertyName("top1_pruned_no_finetune")] double Top1PrunedNoFinetune,
    [property: JsonPropertyName("top1_after")] double Top1After,
    [property: JsonPropertyName("top5_after")] double Top5After,
    [property: JsonPropertyName("images")] long Images);
