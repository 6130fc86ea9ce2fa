using System.Globalization;
using System.Security.Cryptography;
using Practise.Contract;
using Practise.Core.Latency;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>practise.json's content, from what the steps returned: nothing is measured or computed again.</summary>
public static class CompressionReports
{
    /// <param name="selection">The chosen network's latency selection (the thinned one's when channels were pruned).</param>
    /// <param name="blocks">The block selection, whose prefixes make the latency curve; null for method channels.</param>
    /// <param name="channels">The channel pruning; null for method blocks.</param>
    public static CompressionReport Build(Manifest.Manifest manifest, CompressionInputs inputs, IReadOnlyList<BlockScore> ranked,
        Selection selection, RecoveryOutcome recovery, string weightsPath, IReadOnlyDictionary<string, double> phaseSeconds,
        Selection? blocks = null, ChannelSelection? channels = null)
    {
        var settings = LatencySource.Settings(manifest);
        var dropped = selection.Dropped.ToHashSet(StringComparer.Ordinal);
        var (before, prunedOnly, after) = (recovery.Before, recovery.PrunedOnly, recovery.After);
        return new CompressionReport
        {
            ToolVersion = PractiseTool.Version,
            Arch = manifest.Model.Arch,
            Inputs = new ReportInputs(manifest.SourcePath, inputs.TeacherHash, inputs.DataHash, inputs.Train.Count, manifest.Data.Seed)
            {
                Source = SourceName(manifest.Data.Train),
                Samples = manifest.Data.Train is SyntheticSource or NoiseSource ? ArtifactNames.Samples : null,
            },
            Criterion = manifest.Criterion.ToString().ToLowerInvariant(),
            Budget = Describe(manifest.Budget),
            Device = manifest.Device.ToString().ToLowerInvariant(),
            Blocks = ranked.Select((score, rank) => new ReportBlock(score.Block, score.Tau, score.Measurable, score.Criterion,
                double.IsFinite(score.Score) ? score.Score : null, rank + 1, dropped.Contains(score.Block), score.CacheHit,
                score.TauInterval?.Low, score.TauInterval?.High)).ToList(),
            DroppedBlocks = selection.Dropped,
            Latency = Latency(selection, settings, manifest.Latency.Profile is not null),
            LatencyCurve = blocks is null && channels is not null ? [Teacher(selection.Latency.BaselineMs)] : Curve(blocks ?? selection, ranked),
            Accuracy = before is null || prunedOnly is null || after is null ? null
                : new ReportAccuracy(before.Top1, prunedOnly.Top1, after.Top1, after.Top5, after.Count),
            ModelPath = weightsPath,
            OnnxModelPath = Path.Combine(Path.GetDirectoryName(weightsPath) ?? ".", ArtifactNames.Onnx),
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weightsPath))),
            PhaseSeconds = new Dictionary<string, double>(phaseSeconds),
            Method = MethodName(manifest.Method),
            Channels = channels is null ? null : Channels(manifest, channels),
        };
    }

    /// <summary>The method as the manifest spells it.</summary>
    public static string MethodName(PruningMethod method) => method switch
    {
        PruningMethod.Channels => "channels",
        PruningMethod.BlocksAndChannels => "blocks+channels",
        _ => "blocks",
    };

    private static ReportChannels Channels(Manifest.Manifest manifest, ChannelSelection channels)
    {
        var baselineMs = channels.Latency.Latency.BaselineMs;
        return new ReportChannels(channels.Ratio, channels.RatioFromBudget ? "budget" : "channels.ratio", manifest.Channels.Compensate,
            channels.Latency.Dropped.Count == 0 ? "teacher" : "teacher with the dropped blocks removed",
            channels.Pruning.Select(layer => new ReportChannelLayer(layer.Layer, layer.Width, layer.Kept.Count, layer.Removed)).ToList(),
            channels.Curve.Select(point => new ReportRatioPoint(point.Ratio, baselineMs * point.Figures.Ratio,
                baselineMs * point.Figures.RatioInterval.Low, baselineMs * point.Figures.RatioInterval.High)).ToList())
        {
            Ranking = manifest.Channels.Ranking == ChannelRanking.PerLayer ? "per-layer" : "global",
        };
    }

    private static ReportCurvePoint Teacher(double baselineMs) =>
        new(0, [], baselineMs, baselineMs, baselineMs) { LowMs = baselineMs, HighMs = baselineMs, PredictedReduction = 0 };

    /// <summary>The latency fields: the teacher's median and spread, the chosen network's on that scale with its interval, and the decision.</summary>
    public static ReportLatency Latency(Selection selection, MeasurementSettings settings, bool fromProfile)
    {
        var report = selection.Latency;
        var baselineMs = report.BaselineMs;
        var teacherRounds = report.Variants.SelectMany(variant => variant.Figures.BaselineMs).ToArray();
        var chosen = selection.Chosen;
        var (ratioP25, ratioP75) = (SampleStatistics.Quantile(chosen.Ratios, 0.25), SampleStatistics.Quantile(chosen.Ratios, 0.75));
        var budget = selection.Budget;
        return new ReportLatency(baselineMs, SampleStatistics.Quantile(teacherRounds, 0.25), SampleStatistics.Quantile(teacherRounds, 0.75),
            baselineMs * chosen.Ratio, baselineMs * ratioP25, baselineMs * ratioP75, chosen.Reduction, settings.Batch, settings.Threads,
            report.Fingerprint.Description, fromProfile, selection.TargetMs)
        {
            AfterLowMs = baselineMs * chosen.RatioInterval.Low,
            AfterHighMs = baselineMs * chosen.RatioInterval.High,
            ReductionLow = chosen.ReductionInterval.Low,
            ReductionHigh = chosen.ReductionInterval.High,
            RequiredReduction = budget?.Decision.RequiredReduction,
            BudgetMet = budget is null ? null : chosen.ReductionInterval.Low >= budget.Decision.RequiredReduction,
            PredictedBlocks = budget?.PredictedBlocks,
            Interaction = budget?.Prediction.Additive.Count > 0 ? budget.Prediction.Interaction : null,
            Remeasured = budget?.Remeasured ?? false,
            Rounds = report.Session?.Rounds,
            SetAsideRounds = report.Session?.SetAsideRounds,
            Disturbed = report.Session?.Disturbed ?? false,
        };
    }

    /// <summary>The teacher (k = 0) and every prefix measured, on the teacher's milliseconds scale, with the additive prediction.</summary>
    private static List<ReportCurvePoint> Curve(Selection selection, IReadOnlyList<BlockScore> ranked)
    {
        var baselineMs = selection.Latency.BaselineMs;
        var prediction = LatencyPrediction.From(ranked.Select(score => score.Tau).ToList(), []);
        return [Teacher(baselineMs), .. selection.Latency.Variants.OrderBy(variant => variant.Dropped.Count).Select(variant =>
        {
            var figures = variant.Figures;
            return new ReportCurvePoint(variant.Dropped.Count, variant.Dropped, baselineMs * figures.Ratio,
                baselineMs * SampleStatistics.Quantile(figures.Ratios, 0.25), baselineMs * SampleStatistics.Quantile(figures.Ratios, 0.75))
            {
                LowMs = baselineMs * figures.RatioInterval.Low,
                HighMs = baselineMs * figures.RatioInterval.High,
                PredictedReduction = prediction.Additive[variant.Dropped.Count - 1],
            };
        })];
    }

    private static string Describe(BudgetSettings budget) => budget.Kind switch
    {
        BudgetKind.Blocks => $"blocks: {budget.Blocks}",
        BudgetKind.LatencyMs => string.Create(CultureInfo.InvariantCulture, $"latency-ms: {budget.LatencyMs}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"latency-reduction: {budget.LatencyReduction * 100:G4}%"),
    };

    /// <summary>data.train's kind, as practise.json names it.</summary>
    public static string SourceName(TrainSource train) => train switch
    {
        GlobSource => "files",
        IdxSource => "idx",
        SafetensorsSource => "safetensors",
        SyntheticSource => "synthetic",
        NoiseSource => "noise",
        _ => train.GetType().Name,
    };
}
