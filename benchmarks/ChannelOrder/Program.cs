using System.Globalization;
using Practise.Core.Channels;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Selection;
using Practise.Core.Training;
using Practise.Manifest;

// usage: ChannelOrder <practise.yaml> <cache dir> <global|per-layer> <blocks>:<ratio> ...   e.g. global 4:0.15 6:0.25
// Both orders of blocks+channels at each composition, everything else as compress runs it (the manifest's tiny set,
// recoverability and finetune settings, the same pipeline steps and cache):
//   blocks first: the k best-ranked blocks of the teacher dropped, then every hidden layer of the survivors thinned by
//                 the ratio (by the ranking given) on their own statistics (what compress does, so its cached scores and finetune are hits);
//   channels first: the teacher thinned by the ratio, then τ and R of every block measured on the thinned network,
//                 ranked by the same criterion, and its k best dropped.
// Both students are finetuned by feature mimicking of the teacher, and timed against it in one paired session.
// Logs go to stderr, the table to stdout.
var manifest = ManifestLoader.Load(args[0]);
var cacheDirectory = args[1];
var perLayer = args[2] switch
{
    "global" => false,
    "per-layer" => true,
    _ => throw new ArgumentException($"the ranking is global or per-layer, not '{args[2]}'"),
};
var compositions = args[3..].Select(Composition.Parse).ToList();
IProgressSink progress = new StderrProgress();
TorchRuntime.Configure(manifest);
using var inputs = CompressionInputs.Load(manifest, progress, cacheDirectory);
var cache = RunCache.Open(cacheDirectory, progress);
var settings = LatencySource.Settings(manifest);
var teacherLatency = LatencySource.Open(manifest, inputs.LatencyTeacher, cache, progress);
var teacherRanking = Ranking.Order(new ScoreBlocks(manifest, inputs, cache, teacherLatency, progress).Run(), manifest.Criterion, manifest.Data.Seed);
var batches = inputs.Batches;

Console.WriteLine("| blocks | ratio | order | blocks dropped | reduction (90% interval) | before finetune | after finetune |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var (blocks, ratio) in compositions)
{
    var droppedFirst = teacherRanking.Take(blocks).Select(score => score.Block).ToList();
    using var blockDropped = BlockSurgery.Prune(inputs.Teacher, droppedFirst);
    using var blocksFirst = Thin(blockDropped, ratio);

    using var thinnedTeacher = Thin(inputs.Teacher, ratio);
    var thinnedRanking = RankOn(thinnedTeacher);
    var droppedSecond = thinnedRanking.Take(blocks).Select(score => score.Block).ToList();
    progress.Log($"ranking on the thinned teacher: {string.Join(", ", thinnedRanking.Select(score => score.Block))}");
    using var channelsFirst = BlockSurgery.Prune(thinnedTeacher, droppedSecond);

    var students = new[] { ("blocks first", droppedFirst, blocksFirst), ("channels first", droppedSecond, channelsFirst) };
    var outcomes = students.Select(student => Finetune(student.Item3, student.Item2)).ToList();
    // Timed after finetuning, which changes no shape: both against the teacher in one interleaved session.
    var timed = LatencyMeter.Measure(inputs.LatencyTeacher, students.Select(student => (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)student.Item3).ToList(),
        settings, figures => figures.All(f => f.ReductionInterval.High - f.ReductionInterval.Low < 0.04)).Variants;
    for (var i = 0; i < students.Length; i++)
    {
        var (order, dropped, _) = students[i];
        var (latency, outcome) = (timed[i], outcomes[i]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {blocks} | {ratio * 100:G4}% | {order} | {string.Join(", ", dropped)} | {latency.Reduction * 100:F1}% [{latency.ReductionInterval.Low * 100:F1}, {latency.ReductionInterval.High * 100:F1}] | {outcome.PrunedOnly!.Top1 * 100:F2}% | {outcome.After!.Top1 * 100:F2}% |"));
    }
}

// The ratio's share of the hidden channels removed on the network's own statistics over the tiny set, means compensated.
PrunableModel Thin(PrunableModel network, double ratio)
{
    var statistics = ChannelStatistics.Collect(network, batches.EvalBatches(batches.BatchSize));
    var pruning = perLayer ? VarianceRanking.Select(statistics, ratio) : VarianceRanking.SelectGlobal(statistics, ReaderGain.Of(network), ratio);
    return ChannelSurgery.Prune(network, pruning, compensate: true);
}

// τ and R of every droppable block of the thinned network, as compress measures them on the teacher; uncached, since
// the cache's latency profile and recoverability keys describe the unthinned teacher.
IReadOnlyList<BlockScore> RankOn(PrunableModel network)
{
    var candidates = network.DroppableBlocks(manifest.Recoverability.IncludeFirstBlock);
    var savings = new LatencyEstimator().MeasureSingleDrops(network, candidates, settings);
    var recoverability = manifest.Recoverability;
    var scorer = new SharedPrefixScorer(network, batches, OptimizationSettings.From(recoverability), progress, recoverability.MemoryCapMb * (1L << 20),
        recoverability.ParallelBlocks == 0 ? manifest.Latency.Threads : recoverability.ParallelBlocks);
    var scores = scorer.ScoreAll(candidates).Select(score =>
    {
        var saving = savings.For([score.Block]).Figures;
        return new BlockScore(score.Block, saving.Reduction, saving.ReductionInterval.Low > 0, score.R) { TauInterval = saving.ReductionInterval };
    }).ToList();
    return Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
}

RecoveryOutcome Finetune(PrunableModel student, IReadOnlyList<string> dropped) =>
    new FinetuneStudent(manifest, inputs, cache, progress, new PhaseTimer()).Run(student, dropped, studentHash: ModelHash.Compute(student));

internal readonly record struct Composition(int Blocks, double Ratio)
{
    public static Composition Parse(string text)
    {
        var parts = text.Split(':');
        return new(int.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}

internal sealed class StderrProgress : IProgressSink
{
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    public IProgressPhase Begin(string name, int total)
    {
        Log($"{name} ({total} steps)");
        return new Phase();
    }

    public void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {message}");

    private sealed class Phase : IProgressPhase
    {
        public void Advance(int steps = 1, string? detail = null) { }

        public void Dispose() { }
    }
}
