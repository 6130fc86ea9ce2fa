using System.Diagnostics;
using System.Text.Json.Nodes;
using Practise.Contract;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// One cell: a tiny set, a budget and a combination, run through the engine's Compressor with the shared cache
/// (scores per block, the finetuned model and its accuracies are reused, so a rerun is cheap). The engine's report
/// reads the pinned profile; the cell's latency is also measured afresh, the pruned network interleaved with the teacher.
/// </summary>
public sealed class CellRunner(Manifests manifests, PrunableModel teacher, IProgressSink progress)
{
    public JsonObject Run(TinySet set, double budget, Combination combination)
    {
        var manifest = manifests.For(set, budget, combination);
        var clock = Stopwatch.StartNew();
        var line = new JsonObject
        {
            ["kind"] = "cell",
            ["combination"] = combination.Name,
            ["criterion"] = manifest.Criterion.ToString().ToLowerInvariant(),
            ["finetune_mode"] = manifest.Finetune.Mode.ToString().ToLowerInvariant(),
            ["finetune_lr"] = manifest.Finetune.Lr,
            ["finetune_iterations"] = manifest.Finetune.Iterations,
            ["recoverability_iterations"] = manifest.Recoverability.Iterations,
            ["images"] = set.Images,
            ["seed"] = set.Seed,
            ["budget"] = budget,
        };
        CompressionReport report;
        try
        {
            report = new Compressor(manifest, progress, manifest.Output.Dir, manifests.CacheDirectory).Compress().Report;
        }
        catch (PractiseException e) when (e.Code == PipelineErrors.BudgetUnreachable)
        {
            line["error"] = e.Message;
            line["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
            return line;
        }

        var accuracy = report.Accuracy!;
        var (teacherMs, prunedMs) = MeasureAfresh(report.DroppedBlocks, MeasurementSettings.From(manifest.Latency, manifest.Model.Input, set.Seed));
        line["dropped"] = new JsonArray(report.DroppedBlocks.Select(block => (JsonNode)block).ToArray());
        line["top1_teacher"] = accuracy.Top1Before;
        line["top1_no_finetune"] = accuracy.Top1PrunedNoFinetune;
        line["top1"] = accuracy.Top1After;
        line["top5"] = accuracy.Top5After;
        line["test_images"] = accuracy.Images;
        line["latency"] = new JsonObject
        {
            ["teacher_ms"] = Math.Round(teacherMs, 3),
            ["pruned_ms"] = Math.Round(prunedMs, 3),
            ["reduction"] = Math.Round(1 - prunedMs / teacherMs, 5),
            ["profile_teacher_ms"] = report.Latency.BeforeMs,
            ["profile_pruned_ms"] = report.Latency.AfterMs,
            ["profile_reduction"] = Math.Round(report.Latency.Reduction, 5),
            ["batch"] = report.Latency.Batch,
            ["threads"] = report.Latency.Threads,
        };
        line["phases"] = new JsonObject(report.PhaseSeconds.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        line["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        return line;
    }

    /// <summary>Median latency of the teacher and of the pruned network (the teacher's times their median per-round ratio), timed in the same rounds now.</summary>
    private (double TeacherMs, double PrunedMs) MeasureAfresh(IReadOnlyList<string> dropped, MeasurementSettings settings)
    {
        using var pruned = BlockSurgery.Prune(teacher, dropped);
        var measured = LatencyMeter.Measure(teacher, [pruned], settings with { MaxSeconds = 0 }, _ => false).Variants[0];
        return (measured.BaselineMedianMs, measured.BaselineMedianMs * measured.Ratio);
    }
}
