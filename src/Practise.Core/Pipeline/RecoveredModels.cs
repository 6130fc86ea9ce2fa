using Practise.Cache;
using Practise.Core.Data;
using Practise.Core.Models;
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
    public static RecoveryOutcome GetOrTrain(CompressionSession session, IReadOnlyList<string> dropped, PrunableModel student, Func<RecoveryOutcome> train)
    {
        var result = session.Runner.GetOrCompute(Key(session, dropped),
            () => new Computed<RecoveryOutcome>(train(), [new CacheBlob(FinetuneKind.WeightsBlob, stream => Safetensors.WriteTo(stream, student.state_dict()))]),
            (_, blobs) => TryLoad(session, student, blobs));
        if (result.Hit) session.Progress.Log("finetuned model found in the cache: nothing to train");
        return result.Value;
    }

    private static bool TryLoad(CompressionSession session, PrunableModel student, CacheBlobs blobs)
    {
        if (!blobs.TryGetPath(FinetuneKind.WeightsBlob, out var path)) return false;
        try
        {
            StateDicts.LoadFile(student, path);
            return true;
        }
        catch (Exception e) when (e is SafetensorsException or StateDictMismatchException)
        {
            session.Progress.Log($"warning: cached finetuned weights are unusable ({e.Message}); finetuning again");
            return false;
        }
    }

    private static CacheKey Key(CompressionSession session, IReadOnlyList<string> dropped)
    {
        var manifest = session.Manifest;
        var eval = manifest.Data.Eval;
        return FinetuneKind.Key(session.TeacherHash, session.DataHash, dropped, manifest.Model.Input, manifest.Data.Augment, manifest.Data.Seed,
            manifest.Finetune, eval is null ? "" : EvalSet.ContentHash(eval), eval?.Limit, manifest.Latency.Threads, CompressionSession.EngineVersion);
    }
}
