// The quality benchmark of issue 7: PRACTISE against baseline criteria over tiny-set sizes and latency budgets on the
// bundled Fashion-MNIST example, plus the single-block study (R vs post-finetune test loss). Resumable: every finished
// cell or block is one line of <dir>/results.jsonl and is skipped on the next run; the engine's cache holds the rest.
//   Quality [example manifest]     QUALITY_DIR (default artifacts/quality, artifacts/quality-quick with QUICK=1)
//   Quality remeasure [manifest]   afterwards, in a fresh process: every chosen network timed in one session (FinalLatency)
// bash benchmarks/quality.sh builds, runs and summarises (benchmarks/summarize_quality.py).
using System.Diagnostics;
using System.Globalization;
using Practise.Benchmarks.Quality;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Manifest;

var quick = Environment.GetEnvironmentVariable("QUICK") is "1" or "true";
var config = quick ? QualityConfig.Quick : QualityConfig.Full;
// QUALITY_SETS=100:0,20:0 runs only those tiny sets (images:seed): a partial run when time is short; rerun to add the rest.
if (Environment.GetEnvironmentVariable("QUALITY_SETS") is { Length: > 0 } only)
{
    var wanted = only.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    config = config with { Sets = config.Sets.Where(set => wanted.Contains($"{set.Images}:{set.Seed}")).ToList() };
}
// QUALITY_FINETUNE_STEPS=N with QUALITY_SINGLE_ONLY=1: the single-block study alone at another finetuning length
// (0: no finetuning), in its own QUALITY_DIR; R and τ come from that folder's cache and profile (copy them in).
if (Environment.GetEnvironmentVariable("QUALITY_FINETUNE_STEPS") is { Length: > 0 } steps)
    config = config with { FinetuneIterations = int.Parse(steps, CultureInfo.InvariantCulture) };
var singleOnly = Environment.GetEnvironmentVariable("QUALITY_SINGLE_ONLY") is "1" or "true";
var directory = Path.GetFullPath(Environment.GetEnvironmentVariable("QUALITY_DIR") is { Length: > 0 } dir ? dir
    : Path.Combine("artifacts", quick ? "quality-quick" : "quality"));
Directory.CreateDirectory(directory);
var remeasure = args.FirstOrDefault() == "remeasure";
var manifestPath = args.SkipWhile(arg => arg == "remeasure").FirstOrDefault() ?? "examples/fashion-mnist/practise.yaml";
var example = ManifestLoader.Load(manifestPath);
var progress = new ConsoleProgress();
var manifests = new Manifests(example, config, directory);
var results = new ResultsLog(Path.Combine(directory, "results.jsonl"));

using var teacher = TeacherLoader.Load(example.Model);
var teacherHash = ModelHash.Compute(teacher);
progress.Log($"quality benchmark in {directory} ({(quick ? "QUICK smoke configuration" : "full")}, {config.Tag}, teacher {teacherHash[..12]})");
var total = Stopwatch.StartNew();
if (remeasure)
{
    new FinalLatency(manifests, teacher, teacherHash, config, progress).Run(results);
    return;
}
if (singleOnly)
{
    new SingleBlockStudy(manifests, config, results, teacher, teacherHash, progress).Run();
    return;
}

var pending = (
    from set in config.Sets
    from budget in config.Budgets
    from combination in config.Combinations
    let key = string.Create(CultureInfo.InvariantCulture, $"{config.RunPrefix(teacherHash)}cell|{set}|b{budget}|{combination.Name}")
    where !results.Contains(key)
    select (Key: key, Set: set, Budget: budget, Combination: combination)).ToList();
progress.Log($"{pending.Count} of {config.Sets.Count * config.Budgets.Count * config.Combinations.Count} cells to run");
new LatencyPinning(manifests, teacher, progress).Prepare(pending.Select(cell => manifests.For(cell.Set, cell.Budget, cell.Combination)).ToList());
// The single-block study first: it is short and answers the R-vs-recovery question even when a run is cut short.
new SingleBlockStudy(manifests, config, results, teacher, teacherHash, progress).Run();

var cells = new CellRunner(manifests, teacher, progress);
foreach (var (key, set, budget, combination) in pending)
{
    progress.Log(string.Create(CultureInfo.InvariantCulture, $"cell {set} budget {budget:P0} {combination.Name}"));
    var line = cells.Run(set, budget, combination);
    line["teacher"] = teacherHash;
    results.Append(key, line);
    progress.Log(line["error"] is { } error ? $"  unreachable: {error}"
        : string.Create(CultureInfo.InvariantCulture, $"  top-1 {(double)line["top1"]! * 100:F2}% (no finetune {(double)line["top1_no_finetune"]! * 100:F2}%), measured latency reduction {(double)line["latency"]!["reduction"]! * 100:F1}%, {line["seconds"]} s"));
}
progress.Log($"done in {total.Elapsed.TotalSeconds:F0} s; results in {Path.Combine(directory, "results.jsonl")}");
