using System.Security.Cryptography;
using Practise.Core.Recoverability;
using Practise.Core.Serialization;
using Practise.Manifest.Cache;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// Scoring checkpoints in the score cache. The tensors go to a safetensors file named by its iteration beside a JSON
/// entry written after it (so an entry always points at a complete file) that records the file's SHA-256; the key
/// is made of the group's recoverability keys, so a checkpoint only ever resumes the very same computation.
/// </summary>
public sealed class CachedCheckpoints(ScoreCache cache, IReadOnlyDictionary<string, CacheKey> blockKeys, IProgressSink progress) : IScoringCheckpoints
{
    public const string Kind = "checkpoint";

    private sealed record Entry(int Iteration, string File, string Sha256);

    public ScoringCheckpoint? TryLoad(IReadOnlyList<string> group)
    {
        var key = Key(group);
        if (!cache.TryGet<Entry>(key, out var entry)) return null;
        var path = Path.Combine(Path.GetDirectoryName(cache.PathOf(key))!, entry.File);
        try
        {
            if (Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) != entry.Sha256)
            {
                progress.Log($"warning: scoring checkpoint {path} does not match its checksum; starting the group again");
                return null;
            }
            return new ScoringCheckpoint(entry.Iteration, Safetensors.Load(path));
        }
        catch (Exception e) when (e is IOException or SafetensorsException)
        {
            progress.Log($"warning: scoring checkpoint {path} is unreadable ({e.Message}); starting the group again");
            return null;
        }
    }

    public void Save(IReadOnlyList<string> group, int iteration, IReadOnlyDictionary<string, Tensor> state)
    {
        var key = Key(group);
        var folder = Path.GetDirectoryName(cache.PathOf(key))!;
        var file = $"{key.Hash}.{iteration}.safetensors";
        var bytes = Safetensors.Serialize(state);
        Directory.CreateDirectory(folder);
        AtomicFile.WriteAllBytes(Path.Combine(folder, file), bytes);
        cache.Set(key, new Entry(iteration, file, Convert.ToHexStringLower(SHA256.HashData(bytes))));
        DeleteFiles(key, keep: file);
    }

    public void Delete(IReadOnlyList<string> group)
    {
        var key = Key(group);
        cache.Remove(key);
        DeleteFiles(key, keep: null);
    }

    private void DeleteFiles(CacheKey key, string? keep)
    {
        var folder = Path.GetDirectoryName(cache.PathOf(key))!;
        if (!Directory.Exists(folder)) return;
        foreach (var stale in Directory.EnumerateFiles(folder, $"{key.Hash}.*.safetensors").Where(path => Path.GetFileName(path) != keep))
            File.Delete(stale);
    }

    private CacheKey Key(IReadOnlyList<string> group) =>
        new CacheKey(Kind).Add("blocks", group).Add("recoverability", group.Select(block => blockKeys[block].Hash));
}
