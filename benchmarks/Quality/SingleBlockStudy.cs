using System.Diagnostics;
using System.Text.Json.Nodes;
using Practise.Core.Data;
using Practise.Core.Finetune;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Training;
using static TorchSharp.torch;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// The paper's Fig. 9 claim on this task: for every droppable block, its recoverability R (the engine's cached score)
/// against the test cross-entropy and top-1 after dropping only that block and finetuning it as the cells do.
/// </summary>
public sealed class SingleBlockStudy(Manifests manifests, QualityConfig config, ResultsLog results, PrunableModel teacher, string teacherHash, IProgressSink progress)
{
    public void Run()
    {
        var set = config.SingleBlockSet;
        var manifest = manifests.For(set);
        var prefix = config.RunPrefix(teacherHash);
        string KeyOf(string block) => $"{prefix}single|{set}|{block}";
        var blocks = teacher.DroppableBlocks(manifest.Recoverability.IncludeFirstBlock).Take(config.SingleBlockLimit ?? int.MaxValue).ToList();
        if (results.Contains(prefix + "teacher") && blocks.All(block => results.Contains(KeyOf(block)))) return;
        TorchRuntime.Configure(manifest);
        using var inputs = CompressionInputs.Load(manifest);
        var scores = ScoreBlocks.Over(manifest, inputs, manifests.CacheDirectory, progress).Run().Where(score => blocks.Contains(score.Block)).ToList();
        using var evalSet = EvalSet.Open(manifest.Data.Eval!, manifest.Model.Input.Channels, manifest.Model.NumClasses);

        if (!results.Contains(prefix + "teacher"))
        {
            var score = TestSetLoss.Evaluate(inputs.Teacher, evalSet, inputs.Batches.Eval);
            results.Append(prefix + "teacher", new JsonObject { ["kind"] = "teacher", ["teacher"] = teacherHash, ["top1"] = score.Top1, ["cross_entropy"] = score.CrossEntropy, ["test_images"] = score.Images });
        }

        var settings = OptimizationSettings.From(manifest.Finetune);
        foreach (var block in scores)
        {
            var key = KeyOf(block.Block);
            if (results.Contains(key)) continue;
            var clock = Stopwatch.StartNew();
            using var student = BlockSurgery.Prune(inputs.Teacher, [block.Block]);
            // Seeded as the engine seeds a run, and the same batches as its finetune (seed + 1).
            manual_seed(set.Seed);
            if (settings.Iterations > 0)
            {
                using var data = new TinyBatches(inputs.Train, inputs.Batches.Eval, inputs.Batches.Train, settings.BatchSize, set.Seed + 1);
                Finetuning.FeatureMimicking(inputs.Teacher, student, data, settings);
            }
            var score = TestSetLoss.Evaluate(student, evalSet, inputs.Batches.Eval);
            results.Append(key, new JsonObject
            {
                ["kind"] = "single",
                ["teacher"] = teacherHash,
                ["images"] = set.Images,
                ["seed"] = set.Seed,
                ["block"] = block.Block,
                ["r"] = block.Criterion,
                ["tau"] = block.Tau,
                ["tau_measurable"] = block.Measurable,
                ["top1"] = score.Top1,
                ["cross_entropy"] = score.CrossEntropy,
                ["test_images"] = score.Images,
                ["finetune_iterations"] = settings.Iterations,
                ["recoverability_iterations"] = manifest.Recoverability.Iterations,
                ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            });
            progress.Log($"single {block.Block}: R {block.Criterion:G4}, top-1 {score.Top1 * 100:F2}%, CE {score.CrossEntropy:F4} ({clock.Elapsed.TotalSeconds:F0} s)");
        }
    }
}
