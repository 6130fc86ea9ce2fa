using Practise.Cache;
using Practise.Contract;
using Practise.Core.Channels;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Selection;
using Practise.Core.Synthesis;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>The outcome of compress: where the artifacts are and the report written beside them.</summary>
public sealed record CompressionResult(string OutputDirectory, CompressionReport Report);

/// <summary>
/// Algorithm 1 end to end, driven by a manifest (docs/architecture.md draws it): load the inputs, score every
/// droppable block (<see cref="ScoreBlocks"/>, steps 1–2), rank them, select under the budget
/// (<see cref="SelectBlocks"/>, step 3), finetune the pruned network (<see cref="FinetuneStudent"/>, step 4), and
/// write it with its report. Each step takes only what it uses and returns a record the next ones read. With method
/// channels the block steps are skipped and <see cref="PruneChannels"/> thins the teacher instead; with
/// blocks+channels it thins the network the block steps left (docs/channel-pruning.md).
/// </summary>
public sealed class Compressor(Manifest.Manifest manifest, IProgressSink progress, string? outputDirectory = null, string? cacheDirectory = null)
{
    public CompressionResult Compress(CancellationToken cancellation = default)
    {
        var output = outputDirectory ?? manifest.Output.Dir;
        var phases = new PhaseTimer();
        TorchRuntime.Configure(manifest);
        using var inputs = phases.Time("load", () => CompressionInputs.Load(manifest, progress, cacheDirectory, cancellation));
        var cache = RunCache.Open(cacheDirectory ?? manifest.Cache.Dir, progress);
        var latency = LatencySource.Open(manifest, inputs.LatencyTeacher, cache, progress);
        var settings = LatencySource.Settings(manifest);
        var pinned = manifest.Latency.Profile is not null;

        IReadOnlyList<BlockScore> ranked = [];
        Selection? blocks = null;
        IReadOnlyList<string> dropped = [];
        if (manifest.Method != PruningMethod.Channels)
        {
            var scores = phases.Time("score", () => new ScoreBlocks(manifest, inputs, cache, latency, progress).Run(cancellation: cancellation));
            ranked = Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
            blocks = phases.Time("select", () => SelectBlocks.Run(ranked, manifest.Budget, latency, inputs.LatencyTeacher, settings));
            dropped = manifest.Method == PruningMethod.Blocks ? blocks.Dropped : SelectBlocks.BeforeChannels(blocks, manifest.Budget);
            progress.Log(manifest.Method == PruningMethod.Blocks
                ? $"dropping {dropped.Count} blocks ({string.Join(", ", dropped)}); {LatencySummary.Line(CompressionReports.Latency(blocks, settings, pinned))}"
                : $"dropping {dropped.Count} blocks ({string.Join(", ", dropped)}), then thinning the rest");
        }

        using var blockStudent = BlockSurgery.Prune(inputs.Teacher, dropped);
        var channels = manifest.Method == PruningMethod.Blocks ? null
            : phases.Time("channels", () => new PruneChannels(manifest, inputs, cache, latency, progress).Select(blockStudent, dropped));
        using var thinned = channels is null ? null : ChannelSurgery.Prune(blockStudent, channels.Pruning, manifest.Channels.Compensate);
        var student = thinned ?? blockStudent;
        var selection = channels?.Latency ?? blocks!;
        if (channels is not null) progress.Log(LatencySummary.Line(CompressionReports.Latency(selection, settings, pinned)));

        // A thinned student is keyed by its starting weights too: they stand for the widths, channels and compensation.
        var studentHash = thinned is null ? null : ModelHash.Compute(thinned);
        var recovery = new FinetuneStudent(manifest, inputs, cache, progress, phases).Run(student, dropped, cancellation, studentHash);
        CheckMinimumAccuracy(recovery.After);

        Directory.CreateDirectory(output);
        PrunedModelFiles.Save(student, output, manifest.Model.Input);
        var report = CompressionReports.Build(manifest, inputs, ranked, selection, recovery, Path.Combine(output, ArtifactNames.Weights), phases.Seconds, blocks, channels);
        if (report.Inputs.Samples is { } samples) AtomicFile.WriteAllBytes(Path.Combine(output, samples), SampleGrid.Png(inputs.Train.Images));
        ReportWriter.Write(report, output);
        return new CompressionResult(output, report);
    }

    private void CheckMinimumAccuracy(Accuracy? after)
    {
        if (manifest.Budget.MinAccuracy is not { } minimum || after is null) return;
        if (after.Top1 * 100 < minimum)
            throw new PractiseException(PipelineErrors.AccuracyBelowMinimum,
                $"top-1 after compression is {after.Top1 * 100:F2}%, below budget.min-accuracy {minimum:F2}%; relax the latency budget or use more images (data.count)");
    }
}
