// libtorch against ONNX Runtime on a manifest's teacher (issue 18, docs/benchmarks.md), in paired sessions whose rounds
// run every model once in a shuffled order: each runtime alone (τ, reductions), then the networks of both runtimes
// together (their ratio).
//   RuntimeLatency <practise.yaml> [--report practise.json]... [--blocks] [--rounds N]
// Always: the teacher in both runtimes. --report (repeatable): a compress run's chosen network, in both runtimes.
// --blocks: every droppable block dropped alone, in both runtimes: τ per block in each, and whether they rank alike.
// Prints markdown tables; ms figures are each model's median over its runtime's own session, ratios and reductions are
// per-round medians with distribution-free 90% intervals.
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
var models = variants.Select(variant => variant.model).ToList();
using var libtorch = RuntimeModels.For(models, settings with { Runtime = LatencyRuntime.Libtorch });
using var onnxruntime = RuntimeModels.For(models, settings with { Runtime = LatencyRuntime.Onnxruntime });
string Percent(double value) => (value * 100).ToString("F1", CultureInfo.InvariantCulture);
string Reduction(PairedLatency figures) => $"{Percent(figures.Reduction)}% [{Percent(figures.ReductionInterval.Low)}, {Percent(figures.ReductionInterval.High)}]";
string Describe(SessionSummary summary) => $"{summary.Rounds} rounds ({summary.SetAsideRounds} set aside{(summary.Disturbed ? ", disturbed" : "")}) in {summary.Seconds:F0} s";
// Each runtime alone in its own session, as it runs when deployed: both thread pools busy at once would slow each other.
SessionResult Alone(RuntimeModels timed) => LatencyMeter.Measure(timed.Models[0], timed.Models.Skip(1).ToList(), settings, _ => false);
var alone = new Dictionary<LatencyRuntime, SessionResult>();
foreach (var (runtime, timed) in new[] { (LatencyRuntime.Libtorch, libtorch), (LatencyRuntime.Onnxruntime, onnxruntime) })
{
    Console.Error.WriteLine($"timing {variants.Count} models in {runtime}, {rounds} rounds, batch {settings.Batch}, {settings.Threads} threads");
    alone[runtime] = Alone(timed);
}
// The runtimes against each other: the teacher and the chosen networks of both, in one session.
var networks = 1 + reports.Count;
Console.Error.WriteLine($"timing {networks} networks in both runtimes together, {rounds} rounds");
var across = LatencyMeter.Measure(libtorch.Models[0], [.. libtorch.Models.Skip(1).Take(networks - 1), .. onnxruntime.Models.Take(networks)], settings, _ => false);
IReadOnlyList<double> AcrossMs(LatencyRuntime runtime, int index) =>
    runtime == LatencyRuntime.Libtorch ? (index == 0 ? across.Variants[0].BaselineMs : across.Variants[index - 1].VariantMs) : across.Variants[networks - 1 + index].VariantMs;

Console.WriteLine($"{DeviceFingerprint.Current(settings.Threads).Description}; onnxruntime {Practise.Core.Onnx.OnnxRuntimeModel.Version}; batch {settings.Batch}");
Console.WriteLine($"Sessions: libtorch alone {Describe(alone[LatencyRuntime.Libtorch].Summary)}; onnxruntime alone {Describe(alone[LatencyRuntime.Onnxruntime].Summary)}; both runtimes together {Describe(across.Summary)}.");
Console.WriteLine();
Console.WriteLine("| model | libtorch ms (alone) | onnxruntime ms (alone) | onnxruntime / libtorch, together [90%] | reduction vs teacher, libtorch [90%] | reduction vs teacher, onnxruntime [90%] |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
for (var i = 0; i < networks; i++)
{
    var ratio = new PairedLatency(AcrossMs(LatencyRuntime.Libtorch, i), AcrossMs(LatencyRuntime.Onnxruntime, i));
    var (torchAlone, ortAlone) = (alone[LatencyRuntime.Libtorch], alone[LatencyRuntime.Onnxruntime]);
    var torchMs = i == 0 ? torchAlone.Variants[0].BaselineMedianMs : SampleStatistics.Median(torchAlone.Variants[i - 1].VariantMs);
    var ortMs = i == 0 ? ortAlone.Variants[0].BaselineMedianMs : SampleStatistics.Median(ortAlone.Variants[i - 1].VariantMs);
    Console.WriteLine($"| {variants[i].name} | {torchMs:F2} | {ortMs:F2} | {ratio.Ratio:F3} [{ratio.RatioInterval.Low:F3}, {ratio.RatioInterval.High:F3}] | " +
        (i == 0 ? "– | – |" : $"{Reduction(torchAlone.Variants[i - 1])} | {Reduction(ortAlone.Variants[i - 1])} |"));
}
if (blocks.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("| block | τ libtorch [90%] | rank | τ onnxruntime [90%] | rank |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    var first = networks - 1;
    List<PairedLatency> Tau(LatencyRuntime runtime) => alone[runtime].Variants.Skip(first).Take(blocks.Count).ToList();
    int[] Ranks(List<PairedLatency> figures) => figures.Select(f => figures.Count(other => other.Reduction > f.Reduction) + 1).ToArray();
    var (torchTau, ortTau) = (Tau(LatencyRuntime.Libtorch), Tau(LatencyRuntime.Onnxruntime));
    var (torchRanks, ortRanks) = (Ranks(torchTau), Ranks(ortTau));
    for (var b = 0; b < blocks.Count; b++)
        Console.WriteLine($"| {blocks[b]} | {Reduction(torchTau[b])} | {torchRanks[b]} | {Reduction(ortTau[b])} | {ortRanks[b]} |");
    // Spearman's ρ over the blocks (ties get the better rank; with distinct τ it is the textbook formula).
    var n = blocks.Count;
    var d2 = torchRanks.Zip(ortRanks, (a, b) => (double)(a - b) * (a - b)).Sum();
    Console.WriteLine();
    Console.WriteLine($"Spearman ρ of the τ rankings: {1 - (6 * d2 / (n * ((double)n * n - 1))):F3} over {n} blocks");
}
foreach (var (_, model) in variants.Skip(1)) model.Dispose();
return 0;
