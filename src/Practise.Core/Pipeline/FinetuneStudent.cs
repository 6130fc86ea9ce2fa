using Practise.Cache;
using Practise.Core.Data;
using Practise.Core.Finetune;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Training;
using Practise.Manifest;

namespace Practise.Core.Pipeline;

/// <summary>
/// Step 4 of Algorithm 1: finetunes the pruned student in place on the tiny set, measuring top-1 of the teacher, of
/// the student before finetuning and after it when an eval set is declared; or restores all of that from the cache
/// (<see cref="RecoveredModels"/>), so a rebuild with nothing changed trains nothing.
/// </summary>
public sealed class FinetuneStudent(Manifest.Manifest manifest, CompressionInputs inputs, CacheRunner cache, IProgressSink progress, PhaseTimer phases)
{
    /// <param name="studentHash">For a channel-pruned student, the hash of its weights before finetuning (<see cref="RecoveredModels.Key"/>).</param>
    public RecoveryOutcome Run(PrunableModel student, IReadOnlyList<string> dropped, CancellationToken cancellation = default, string? studentHash = null) =>
        RecoveredModels.GetOrTrain(cache, RecoveredModels.Key(manifest, inputs, dropped, studentHash), student, progress, () => Recover(student, cancellation));

    private RecoveryOutcome Recover(PrunableModel student, CancellationToken cancellation)
    {
        using var evalSet = manifest.Data.Eval is { } eval ? EvalSet.Open(eval, manifest.Model.Input.Channels, manifest.Model.NumClasses) : null;
        var before = evalSet is null ? null : phases.Time("evaluate teacher", () => Evaluate(inputs.Teacher, evalSet, cancellation));
        var prunedOnly = evalSet is null ? null : phases.Time("evaluate pruned", () => Evaluate(student, evalSet, cancellation));
        phases.Time("finetune", () => Finetune(student, cancellation));
        var after = evalSet is null ? null : phases.Time("evaluate finetuned", () => Evaluate(student, evalSet, cancellation));
        return new RecoveryOutcome(before, prunedOnly, after);
    }

    private void Finetune(PrunableModel student, CancellationToken cancellation)
    {
        var settings = OptimizationSettings.From(manifest.Finetune);
        if (settings.Iterations == 0) return;
        var batches = inputs.Batches;
        using var data = new TinyBatches(inputs.Train, batches.Eval, batches.Train, settings.BatchSize, manifest.Data.Seed + 1, inputs.Device);
        using var phase = progress.Begin($"finetune ({manifest.Finetune.Mode.ToString().ToLowerInvariant()})", settings.Iterations);
        _ = manifest.Finetune.Mode switch
        {
            FinetuneMode.Features => Finetuning.FeatureMimicking(inputs.Teacher, student, data, settings, phase, cancellation),
            FinetuneMode.AdaptorsOnly => Finetuning.AdaptorsOnly(inputs.Teacher, student, data, settings, phase, cancellation),
            FinetuneMode.CrossEntropy => Finetuning.CrossEntropy(student, data, settings, phase, cancellation),
            _ => throw new NotSupportedException(manifest.Finetune.Mode.ToString()),
        };
    }

    private Accuracy Evaluate(PrunableModel model, EvalSet set, CancellationToken cancellation) =>
        BatchedEvaluation.Run(model, set, inputs.Batches.Eval, progress, cancellation);
}
