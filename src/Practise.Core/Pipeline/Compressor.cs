using Practise.Cache;
using Practise.Contract;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Selection;
using Practise.Core.Synthesis;

namespace Practise.Core.Pipeline;

/// <summary>The outcome of compress: where the artifacts are and the report written beside them.</summary>
public sealed record CompressionResult(string OutputDirectory, CompressionReport Report);

/// <summary>
/// Algorithm 1 end to end, driven by a manifest (docs/architecture.md draws it): load the inputs, score every
/// droppable block (<see cref="ScoreBlocks"/>, steps 1–2), rank them, select under the budget
/// (<see cref="SelectBlocks"/>, step 3), finetune the pruned network (<see cref="FinetuneStudent"/>, step 4), and
/// write it with its report. Each step takes only what it uses and returns a record the next ones read.
/// </summary>
public sealed class Compressor(Manifest.Manifest manifest, IProgressSink progress, string? outputDirectory = null, string? cacheDirectory = null)
{
    public CompressionResult Compress(CancellationToken cancellation = default)
    {
        CheckMethod();
        var output = outputDirectory ?? manifest.Output.Dir;
        var phases = new PhaseTimer();
        TorchRuntime.Configure(manifest);
        using var inputs = phases.Time("load", () => CompressionInputs.Load(manifest, progress, cacheDirectory, cancellation));
        var cache = RunCache.Open(cacheDirectory ?? manifest.Cache.Dir, progress);
        var latency = LatencySource.Open(manifest, inputs.LatencyTeacher, cache, progress);

        var scores = phases.Time("score", () => new ScoreBlocks(manifest, inputs, cache, latency, progress).Run(cancellation: cancellation));
        var ranked = Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
        var selection = phases.Time("select", () => SelectBlocks.Run(ranked, manifest.Budget, latency, inputs.LatencyTeacher, LatencySource.Settings(manifest)));
        progress.Log($"dropping {selection.Dropped.Count} blocks ({string.Join(", ", selection.Dropped)}); {LatencySummary.Line(CompressionReports.Latency(selection, LatencySource.Settings(manifest), manifest.Latency.Profile is not null))}");

        using var student = BlockSurgery.Prune(inputs.Teacher, selection.Dropped);
        var recovery = new FinetuneStudent(manifest, inputs, cache, progress, phases).Run(student, selection.Dropped, cancellation);
        CheckMinimumAccuracy(recovery.After);

        Directory.CreateDirectory(output);
        PrunedModelFiles.Save(student, output, manifest.Model.Input);
        var report = CompressionReports.Build(manifest, inputs, ranked, selection, recovery, Path.Combine(output, ArtifactNames.Weights), phases.Seconds);
        if (report.Inputs.Samples is { } samples) AtomicFile.WriteAllBytes(Path.Combine(output, samples), SampleGrid.Png(inputs.Train.Images));
        ReportWriter.Write(report, output);
        return new CompressionResult(output, report);
    }

    private void CheckMethod()
    {
        if (manifest.Method != Manifest.PruningMethod.Blocks)
            throw new PractiseException(PipelineErrors.MethodNotAvailable,
                "method: channels and blocks+channels are not run by compress yet (docs/channel-pruning.md); use method: blocks");
    }

    private void CheckMinimumAccuracy(Accuracy? after)
    {
        if (manifest.Budget.MinAccuracy is not { } minimum || after is null) return;
        if (after.Top1 * 100 < minimum)
            throw new PractiseException(PipelineErrors.AccuracyBelowMinimum,
                $"top-1 after compression is {after.Top1 * 100:F2}%, below budget.min-accuracy {minimum:F2}%; relax the latency budget or use more images (data.count)");
    }
}
