using Practise.Cache;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Serialization;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// Scoring checkpoints as cache entries of kind <see cref="CheckpointKind"/>: the iteration as the value, the tensors as
/// a blob the store checksums. A damaged checkpoint is reported by the store and read as none: the group starts again.
/// </summary>
public sealed class CachedCheckpoints(CacheStore cache, IReadOnlyDictionary<string, CacheKey> blockKeys, IProgressSink progress) : IScoringCheckpoints
{
    private sealed record Entry(int Iteration);

    public ScoringCheckpoint? TryLoad(IReadOnlyList<string> group)
    {
        if (!cache.TryGet<Entry>(Key(group), out var entry, out var blobs)) return null;
        if (!blobs.TryGetPath(CheckpointKind.StateBlob(entry.Iteration), out var path)) return null;
        try
        {
            return new ScoringCheckpoint(entry.Iteration, Safetensors.Load(path));
        }
        catch (SafetensorsException e)
        {
            progress.Log($"warning: scoring checkpoint {path} is unreadable ({e.Message}); starting the group again");
            return null;
        }
    }

    public void Save(IReadOnlyList<string> group, int iteration, IReadOnlyDictionary<string, Tensor> state) =>
        cache.Set(Key(group), new Entry(iteration), [new CacheBlob(CheckpointKind.StateBlob(iteration), stream => Safetensors.WriteTo(stream, state))]);

    public void Delete(IReadOnlyList<string> group) => cache.Remove(Key(group));

    private CacheKey Key(IReadOnlyList<string> group) => CheckpointKind.Key(group, group.Select(block => blockKeys[block]));
}
