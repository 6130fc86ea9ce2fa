using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Manifest.Cache;

namespace Practise.Core.Pipeline;

/// <summary>Top-1 of the teacher, of the pruned model before finetuning and after it (null without an eval set).</summary>
public sealed record RecoveryOutcome(Accuracy? Before, Accuracy? PrunedOnly, Accuracy? After);

/// <summary>
/// The finetuned student and its accuracies, cached under everything they depend on: a rebuild with nothing changed
/// (or only the output folder) trains nothing. The weights sit beside the JSON entry; the entry is written last, so
/// its presence means the weights are complete.
/// </summary>
public static class RecoveredModels
{
    public const string Kind = "finetune";

    public static RecoveryOutcome? TryRestore(CompressionSession session, IReadOnlyList<string> dropped, PrunableModel student)
    {
        var key = Key(session, dropped);
        if (!session.Cache.TryGet<RecoveryOutcome>(key, out var outcome)) return null;
        try
        {
            StateDicts.LoadFile(student, WeightsPath(session, key));
            session.Progress.Log("finetuned model found in the cache: nothing to train");
            return outcome;
        }
        catch (Exception e) when (e is SafetensorsException or StateDictMismatchException)
        {
            session.Progress.Log($"warning: cached finetuned weights are unusable ({e.Message}); finetuning again");
            return null;
        }
    }

    public static RecoveryOutcome Store(CompressionSession session, IReadOnlyList<string> dropped, PrunableModel student, RecoveryOutcome outcome)
    {
        var key = Key(session, dropped);
        var path = WeightsPath(session, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Safetensors.Save(path, student.state_dict());
        session.Cache.Set(key, outcome);
        return outcome;
    }

    private static string WeightsPath(CompressionSession session, CacheKey key) => Path.ChangeExtension(session.Cache.PathOf(key), ".safetensors");

    private static CacheKey Key(CompressionSession session, IReadOnlyList<string> dropped)
    {
        var manifest = session.Manifest;
        var finetune = manifest.Finetune;
        var input = manifest.Model.Input;
        var eval = manifest.Data.Eval;
        return new CacheKey(Kind)
            .Add("model", session.TeacherHash)
            .Add("data", session.DataHash)
            .Add("dropped", dropped)
            .Add("input", $"{input.Channels}x{input.Size};{string.Join(",", input.Mean)};{string.Join(",", input.Std)}")
            .Add("augment", manifest.Data.Augment)
            .Add("seed", manifest.Data.Seed)
            .Add("mode", finetune.Mode.ToString())
            .Add("iterations", finetune.Iterations)
            .Add("lr", finetune.Lr)
            .Add("momentum", finetune.Momentum)
            .Add("weight-decay", finetune.WeightDecay)
            .Add("batch-size", finetune.BatchSize)
            .Add("eval", eval is null ? "" : $"{eval.Folder}|{eval.Idx?.Images}|{eval.Idx?.Labels}|{eval.Limit}")
            .Add("threads", manifest.Latency.Threads)
            .Add("tool", CompressionSession.EngineVersion);
    }
}
