using System.Globalization;
using Practise.Contract;

namespace Practise.MSBuild;

/// <summary>
/// The CompressedModel item's metadata, each read from the tool's own <see cref="CompressionReport"/>: a renamed or
/// retyped practise.json field breaks this build, not a consumer's. The task outputs of the same names carry the same
/// values (a drift test checks every [Output] and docs/msbuild.md).
/// </summary>
internal static class ReportFields
{
    public static readonly IReadOnlyDictionary<string, Func<CompressionReport, string?>> ModelMetadata =
        new Dictionary<string, Func<CompressionReport, string?>>(StringComparer.Ordinal)
        {
            ["Sha256"] = report => report.ModelSha256,
            ["Arch"] = report => report.Arch,
            ["OnnxModel"] = report => report.OnnxModelPath,
            ["LatencyBeforeMs"] = report => Number(report.Latency.BeforeMs),
            ["LatencyAfterMs"] = report => Number(report.Latency.AfterMs),
            ["LatencyReduction"] = report => Number(report.Latency.Reduction),
            ["Top1After"] = report => report.Accuracy is { } accuracy ? Number(accuracy.Top1After) : null,
            ["DroppedBlocks"] = report => string.Join(";", report.DroppedBlocks),
            ["ToolVersion"] = report => report.ToolVersion,
        };

    /// <summary>Round-trippable and culture-invariant, so a property function can parse it back exactly.</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
