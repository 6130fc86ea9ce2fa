using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Practise.Contract;
using Practise.Core.Data;
using Practise.Core.Finetune;
using Practise.Core.Models;
using Practise.Core.Selection;
using Practise.Core.Training;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>The outcome of compress: where the artifacts are and the report written beside them.</summary>
public sealed record CompressionResult(string OutputDirectory, CompressionReport Report);

/// <summary>
/// Algorithm 1 end to end, driven by a manifest: score every droppable block, drop the best under the budget,
/// recover the pruned network on the tiny set, measure it, and write the artifacts.
/// </summary>
public sealed class Compressor(Manifest.Manifest manifest, IProgressSink progress, string? outputDirectory = null, string? cacheDirectory = null)
{
    private readonly Dictionary<string, double> phases = [];

    public CompressionResult Compress(CancellationToken cancellation = default)
    {
        var output = outputDirectory ?? manifest.Output.Dir;
        using var session = Phase("load", () => CompressionSession.Open(manifest, progress, cacheDirectory));
        var scores = Phase("score", () => BlockScoring.Score(session, cancellation: cancellation));
        var ranked = Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
        var (selection, curve) = Phase("select", () =>
        {
            var chosen = Select(session, ranked);
            return (chosen, LatencyCurve.Trace(session, ranked.Select(score => score.Block).ToList(), chosen.Dropped.Count));
        });
        progress.Log($"dropping {selection.Dropped.Count} blocks ({string.Join(", ", selection.Dropped)}): {selection.BaselineMs:F2} → {selection.LatencyMs:F2} ms");

        using var student = BlockSurgery.Prune(session.Teacher, selection.Dropped);
        var recovered = RecoveredModels.GetOrTrain(session, selection.Dropped, student, () => Recover(session, student, cancellation));
        var (before, prunedOnly, after) = (recovered.Before, recovered.PrunedOnly, recovered.After);
        CheckMinimumAccuracy(after);

        Directory.CreateDirectory(output);
        PrunedModelFiles.Save(student, output);
        var report = Report(session, ranked, selection, curve, before, prunedOnly, after, output);
        ReportWriter.Write(report, output);
        return new CompressionResult(output, report);
    }

    /// <summary>Finetunes the student in place, measuring top-1 before and after when an eval set is declared.</summary>
    private RecoveryOutcome Recover(CompressionSession session, PrunableModel student, CancellationToken cancellation)
    {
        using var evalSet = manifest.Data.Eval is { } eval ? EvalSet.Open(eval, manifest.Model.Input.Channels, manifest.Model.NumClasses) : null;
        var before = evalSet is null ? null : Phase("evaluate teacher", () => Evaluate(session, session.Teacher, evalSet, cancellation));
        var prunedOnly = evalSet is null ? null : Phase("evaluate pruned", () => Evaluate(session, student, evalSet, cancellation));
        Phase("finetune", () => Finetune(session, student, cancellation));
        var after = evalSet is null ? null : Phase("evaluate finetuned", () => Evaluate(session, student, evalSet, cancellation));
        return new RecoveryOutcome(before, prunedOnly, after);
    }

    private SelectionResult Select(CompressionSession session, IReadOnlyList<BlockScore> ranked)
    {
        var baseline = session.Latency.MeasureSingleDrops(session.LatencyTeacher, [], session.LatencySettings).Baseline.MedianMs;
        try
        {
            return BudgetSelection.Select(ranked, manifest.Budget, baseline, sets =>
                session.Latency.MeasureVariants(session.LatencyTeacher, sets, session.LatencySettings).Variants.Select(variant => variant.Measurement.MedianMs).ToList());
        }
        catch (BudgetUnreachableException e)
        {
            throw new PractiseException(PipelineErrors.BudgetUnreachable, e.Message, e);
        }
    }

    private void Finetune(CompressionSession session, PrunableModel student, CancellationToken cancellation)
    {
        var settings = OptimizationSettings.From(manifest.Finetune);
        if (settings.Iterations == 0) return;
        using var data = new TinyBatches(session.Train, session.Batches.Eval, session.Batches.Train, settings.BatchSize, manifest.Data.Seed + 1, session.Device);
        using var phase = progress.Begin($"finetune ({manifest.Finetune.Mode.ToString().ToLowerInvariant()})", settings.Iterations);
        _ = manifest.Finetune.Mode switch
        {
            FinetuneMode.Features => Finetuning.FeatureMimicking(session.Teacher, student, data, settings, phase, cancellation),
            FinetuneMode.AdaptorsOnly => Finetuning.AdaptorsOnly(session.Teacher, student, data, settings, phase, cancellation),
            FinetuneMode.CrossEntropy => Finetuning.CrossEntropy(student, data, settings, phase, cancellation),
            _ => throw new NotSupportedException(manifest.Finetune.Mode.ToString()),
        };
    }

    private Accuracy Evaluate(CompressionSession session, PrunableModel model, EvalSet set, CancellationToken cancellation) =>
        BatchedEvaluation.Run(model, set, session.Batches.Eval, progress, cancellation);

    private void CheckMinimumAccuracy(Accuracy? after)
    {
        if (manifest.Budget.MinAccuracy is not { } minimum || after is null) return;
        if (after.Top1 * 100 < minimum)
            throw new PractiseException(PipelineErrors.AccuracyBelowMinimum,
                $"top-1 after compression is {after.Top1 * 100:F2}%, below budget.min-accuracy {minimum:F2}%; relax the latency budget or use more images (data.count)");
    }

    private CompressionReport Report(CompressionSession session, IReadOnlyList<BlockScore> ranked, SelectionResult selection,
        IReadOnlyList<ReportCurvePoint> curve, Accuracy? before, Accuracy? prunedOnly, Accuracy? after, string output)
    {
        var latency = session.Latency.MeasureVariants(session.LatencyTeacher, [selection.Dropped], session.LatencySettings);
        var final = latency.Variants[0].Measurement;
        var weights = Path.Combine(output, ArtifactNames.Weights);
        var dropped = selection.Dropped.ToHashSet(StringComparer.Ordinal);
        return new CompressionReport
        {
            ToolVersion = PractiseTool.Version,
            Arch = manifest.Model.Arch,
            Inputs = new ReportInputs(manifest.SourcePath, session.TeacherHash, session.DataHash, session.Train.Count, manifest.Data.Seed),
            Criterion = manifest.Criterion.ToString().ToLowerInvariant(),
            Budget = Describe(manifest.Budget),
            Device = manifest.Device.ToString().ToLowerInvariant(),
            Blocks = ranked.Select((score, rank) => new ReportBlock(score.Block, score.Tau, score.Measurable, score.Criterion,
                double.IsFinite(score.Score) ? score.Score : null, rank + 1, dropped.Contains(score.Block), score.CacheHit)).ToList(),
            DroppedBlocks = selection.Dropped,
            Latency = new ReportLatency(latency.Baseline.MedianMs, latency.Baseline.P25Ms, latency.Baseline.P75Ms, final.MedianMs, final.P25Ms, final.P75Ms,
                1 - final.MedianMs / latency.Baseline.MedianMs, session.LatencySettings.Batch, session.LatencySettings.Threads,
                latency.Fingerprint.Description, FromProfile: manifest.Latency.Profile is not null,
                TargetMs: BudgetSelection.TargetMs(manifest.Budget, latency.Baseline.MedianMs)),
            LatencyCurve = curve,
            Accuracy = before is null || prunedOnly is null || after is null ? null
                : new ReportAccuracy(before.Top1, prunedOnly.Top1, after.Top1, after.Top5, after.Count),
            ModelPath = weights,
            ModelSha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights))),
            PhaseSeconds = new Dictionary<string, double>(phases),
        };
    }

    private static string Describe(BudgetSettings budget) => budget.Kind switch
    {
        BudgetKind.Blocks => $"blocks: {budget.Blocks}",
        BudgetKind.LatencyMs => string.Create(CultureInfo.InvariantCulture, $"latency-ms: {budget.LatencyMs}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"latency-reduction: {budget.LatencyReduction * 100:G4}%"),
    };

    private T Phase<T>(string name, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        phases[name] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        return result;
    }

    private void Phase(string name, Action work) => Phase<bool>(name, () =>
    {
        work();
        return true;
    });
}
