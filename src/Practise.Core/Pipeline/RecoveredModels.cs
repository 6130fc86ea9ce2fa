using Practise.Cache;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Serialization;

namespace Practise.Core.Pipeline;

/// <summary>Top-1 of the teacher, of the pruned model before finetuning and after it (null without an eval set).</summary>
public sealed record RecoveryOutcome(Accuracy? Before, Accuracy? PrunedOnly, Accuracy? After);

/// <summary>
/// The finetuned student and its accuracies, through the cache runner (kind <see cref="FinetuneKind"/>): a rebuild
/// with nothing changed loads the weights blob into the student instead of training.
/// </summary>
public static class RecoveredModels
{
    /// <summary>The cached outcome with its weights loaded into <paramref name="student"/>, or <paramref name="train"/>'s, stored.</summary>
    public static RecoveryOutcome GetOrTrain(CacheRunner cache, CacheKey key, PrunableModel student, IProgressSink progress, Func<RecoveryOutcome> train)
    {
        var result = cache.GetOrCompute(key,
            () => new Computed<RecoveryOutcome>(train(), [new CacheBlob(FinetuneKind.WeightsBlob, stream => Safetensors.WriteTo(stream, student.state_dict()))]),
            (_, blobs) => TryLoad(student, blobs, progress));
        if (result.Hit) progress.Log("finetuned model found in the cache: nothing to train");
        return result.Value;
    }

    /// <summary>Everything the finetuned student depends on (<see cref="FinetuneKind"/>); a channel-pruned student adds the hash of its starting weights.</summary>
    public static CacheKey Key(Manifest.Manifest manifest, CompressionInputs inputs, IReadOnlyList<string> dropped, string? studentHash = null)
    {
        var eval = manifest.Data.Eval;
        return FinetuneKind.Key(inputs.TeacherHash, inputs.DataHash, dropped, manifest.Model.Input, manifest.Data.Augment, manifest.Data.Seed,
            manifest.Finetune, eval is null ? "" : EvalSet.ContentHash(eval), eval?.Limit, manifest.Latency.Threads, EngineIdentity.Version, studentHash);
    }

    private static bool TryLoad(PrunableModel student, CacheBlobs blobs, IProgressSink progress)
    {
        if (!blobs.TryGetPath(FinetuneKind.WeightsBlob, out var path)) return false;
        try
        {
            StateDicts.LoadFile(student, path);
            return true;
        }
        catch (Exception e) when (e is SafetensorsException or StateDictMismatchException)
        {
            progress.Log($"warning: cached finetuned weights are unusable ({e.Message}); finetuning again");
            return false;
        }
    }
}
