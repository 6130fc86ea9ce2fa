// libtorch against ONNX Runtime on a manifest's teacher (issue 18, docs/benchmarks.md), timed side by side: one paired
// session whose rounds run every model once, in a shuffled order, so both runtimes see the same machine.
//   RuntimeLatency <practise.yaml> [--report practise.json]... [--blocks] [--rounds N]
// Always: the teacher in both runtimes. --report (repeatable): a compress run's chosen network, in both runtimes.
// --blocks: every droppable block dropped alone, in both runtimes: τ per block in each, and whether they rank alike.
// Prints markdown tables; ms figures are each model's median over the rounds, ratios are per-round medians with
// distribution-free 90% intervals.
using System.Globalization;
using System.Text.Json.Nodes;
using Practise.Core;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Manifest;

NativeEnvironment.Prepare();

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: RuntimeLatency <practise.yaml> [--report practise.json]... [--blocks] [--rounds N]");
    return 64;
}
var reports = args.Select((arg, i) => (arg, i)).Where(pair => pair.arg == "--report").Select(pair => args[pair.i + 1]).ToList();
var rounds = args.Contains("--rounds") ? int.Parse(args[Array.IndexOf(args, "--rounds") + 1], CultureInfo.InvariantCulture) : 100;
var manifest = ManifestLoader.Load(args[0]);
TorchRuntime.Configure(manifest);
using var teacher = TeacherLoader.Load(manifest.Model);
var variants = new List<(string name, PrunableModel model)> { ("teacher", teacher) };
foreach (var report in reports)
{
    var dropped = JsonNode.Parse(File.ReadAllText(report))!["dropped_blocks"]!.AsArray().Select(block => block!.GetValue<string>()).ToList();
    variants.Add(($"{report}: {dropped.Count} blocks dropped", BlockSurgery.Prune(teacher, dropped)));
}
var blocks = args.Contains("--blocks") ? teacher.DroppableBlocks() : [];
variants.AddRange(blocks.Select(block => (block, BlockSurgery.Prune(teacher, [block]))));

var settings = LatencySource.Settings(manifest) with { Repeats = rounds, MaxSeconds = 0 };
using var libtorch = RuntimeModels.For(variants.Select(variant => variant.model).ToList(), settings with { Runtime = LatencyRuntime.Libtorch });
using var onnxruntime = RuntimeModels.For(variants.Select(variant => variant.model).ToList(), settings with { Runtime = LatencyRuntime.Onnxruntime });
Console.Error.WriteLine($"timing {variants.Count} models in 2 runtimes, {rounds} rounds, batch {settings.Batch}, {settings.Threads} threads");
// Baseline: the libtorch teacher; every other model is a variant, so all ratios share rounds.
var session = LatencyMeter.Measure(libtorch.Models[0], [.. libtorch.Models.Skip(1), .. onnxruntime.Models], settings, _ => false);
var count = variants.Count;
PairedLatency Figures(LatencyRuntime runtime, int index) =>
    runtime == LatencyRuntime.Libtorch
        ? (index == 0 ? PairedLatency.Teacher(session.Variants[0].BaselineMs) : session.Variants[index - 1])
        : session.Variants[count - 1 + index];
double Ms(PairedLatency figures) => SampleStatistics.Median(figures.VariantMs);
string Percent(double value) => (value * 100).ToString("F1", CultureInfo.InvariantCulture);
string Fixed(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

Console.WriteLine($"{session.Summary.Rounds} rounds ({session.Summary.SetAsideRounds} set aside{(session.Summary.Disturbed ? ", disturbed" : "")}) in {session.Summary.Seconds:F0} s; {DeviceFingerprint.Current(settings.Threads).Description}; onnxruntime {Practise.Core.Onnx.OnnxRuntimeModel.Version}");
Console.WriteLine();
Console.WriteLine("| model | libtorch ms | onnxruntime ms | onnxruntime / libtorch [90%] | reduction vs teacher: libtorch [90%] | onnxruntime [90%] |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
for (var i = 0; i < count - blocks.Count; i++)
{
    var (torchFigures, ortFigures) = (Figures(LatencyRuntime.Libtorch, i), Figures(LatencyRuntime.Onnxruntime, i));
    var across = new PairedLatency(torchFigures.VariantMs, ortFigures.VariantMs);
    var torchTau = new PairedLatency(Figures(LatencyRuntime.Libtorch, 0).VariantMs, torchFigures.VariantMs);
    var ortTau = new PairedLatency(Figures(LatencyRuntime.Onnxruntime, 0).VariantMs, ortFigures.VariantMs);
    Console.WriteLine($"| {variants[i].name} | {Fixed(Ms(torchFigures))} | {Fixed(Ms(ortFigures))} | {across.Ratio:F3} [{across.RatioInterval.Low:F3}, {across.RatioInterval.High:F3}] | " +
        $"{Percent(torchTau.Reduction)}% [{Percent(torchTau.ReductionInterval.Low)}, {Percent(torchTau.ReductionInterval.High)}] | {Percent(ortTau.Reduction)}% [{Percent(ortTau.ReductionInterval.Low)}, {Percent(ortTau.ReductionInterval.High)}] |");
}
if (blocks.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| block | τ libtorch [90%] | rank | τ onnxruntime [90%] | rank |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    var first = count - blocks.Count;
    var tau = new Dictionary<LatencyRuntime, List<PairedLatency>>();
    foreach (var runtime in new[] { LatencyRuntime.Libtorch, LatencyRuntime.Onnxruntime })
        tau[runtime] = Enumerable.Range(first, blocks.Count).Select(i => new PairedLatency(Figures(runtime, 0).VariantMs, Figures(runtime, i).VariantMs)).ToList();
    int[] Ranks(List<PairedLatency> figures) => figures.Select(f => figures.Count(other => other.Reduction > f.Reduction) + 1).ToArray();
    var (torchRanks, ortRanks) = (Ranks(tau[LatencyRuntime.Libtorch]), Ranks(tau[LatencyRuntime.Onnxruntime]));
    for (var b = 0; b < blocks.Count; b++)
    {
        var (t, o) = (tau[LatencyRuntime.Libtorch][b], tau[LatencyRuntime.Onnxruntime][b]);
        Console.WriteLine($"| {blocks[b]} | {Percent(t.Reduction)}% [{Percent(t.ReductionInterval.Low)}, {Percent(t.ReductionInterval.High)}] | {torchRanks[b]} | " +
            $"{Percent(o.Reduction)}% [{Percent(o.ReductionInterval.Low)}, {Percent(o.ReductionInterval.High)}] | {ortRanks[b]} |");
    }
    // Spearman's ρ over the blocks (ties get the better rank; with distinct τ it is the textbook formula).
    var n = blocks.Count;
    var d2 = torchRanks.Zip(ortRanks, (a, b) => (double)(a - b) * (a - b)).Sum();
    Console.WriteLine();
    Console.WriteLine($"Spearman ρ of the τ rankings: {1 - (6 * d2 / (n * ((double)n * n - 1))):F3} over {n} blocks");
}
foreach (var (_, model) in variants.Skip(1)) model.Dispose();
return 0;
