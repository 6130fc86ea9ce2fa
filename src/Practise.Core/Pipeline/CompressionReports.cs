using System.Globalization;
using System.Security.Cryptography;
using Practise.Contract;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>practise.json's content, from what the steps returned: nothing is measured or computed again.</summary>
public static class CompressionReports
{
    public static CompressionReport Build(Manifest.Manifest manifest, CompressionInputs inputs, IReadOnlyList<BlockScore> ranked,
        Selection selection, RecoveryOutcome recovery, string weightsPath, IReadOnlyDictionary<string, double> phaseSeconds)
    {
        var latency = selection.Latency;
        var settings = LatencySource.Settings(manifest);
        var (baseline, final) = (latency.Baseline, selection.Chosen);
        var dropped = selection.Dropped.ToHashSet(StringComparer.Ordinal);
        var (before, prunedOnly, after) = (recovery.Before, recovery.PrunedOnly, recovery.After);
        return new CompressionReport
        {
            ToolVersion = PractiseTool.Version,
            Arch = manifest.Model.Arch,
            Inputs = new ReportInputs(manifest.SourcePath, inputs.TeacherHash, inputs.DataHash, inputs.Train.Count, manifest.Data.Seed),
            Criterion = manifest.Criterion.ToString().ToLowerInvariant(),
            Budget = Describe(manifest.Budget),
            Device = manifest.Device.ToString().ToLowerInvariant(),
            Blocks = ranked.Select((score, rank) => new ReportBlock(score.Block, score.Tau, score.Measurable, score.Criterion,
                double.IsFinite(score.Score) ? score.Score : null, rank + 1, dropped.Contains(score.Block), score.CacheHit)).ToList(),
            DroppedBlocks = selection.Dropped,
            Latency = new ReportLatency(baseline.MedianMs, baseline.P25Ms, baseline.P75Ms, final.MedianMs, final.P25Ms, final.P75Ms,
                1 - final.MedianMs / baseline.MedianMs, settings.Batch, settings.Threads,
                latency.Fingerprint.Description, FromProfile: manifest.Latency.Profile is not null, TargetMs: selection.TargetMs),
            LatencyCurve =
            [
                new ReportCurvePoint(0, [], baseline.MedianMs, baseline.P25Ms, baseline.P75Ms),
                .. latency.Variants.OrderBy(variant => variant.Dropped.Count).Select(variant => new ReportCurvePoint(variant.Dropped.Count,
                    variant.Dropped, variant.Measurement.MedianMs, variant.Measurement.P25Ms, variant.Measurement.P75Ms)),
            ],
            Accuracy = before is null || prunedOnly is null || after is null ? null
                : new ReportAccuracy(before.Top1, prunedOnly.Top1, after.Top1, after.Top5, after.Count),
            ModelPath = weightsPath,
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weightsPath))),
            PhaseSeconds = new Dictionary<string, double>(phaseSeconds),
        };
    }

    private static string Describe(BudgetSettings budget) => budget.Kind switch
    {
        BudgetKind.Blocks => $"blocks: {budget.Blocks}",
        BudgetKind.LatencyMs => string.Create(CultureInfo.InvariantCulture, $"latency-ms: {budget.LatencyMs}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"latency-reduction: {budget.LatencyReduction * 100:G4}%"),
    };
}
