using System.Text.Json.Nodes;
using Practise.Cache;

namespace Practise.Core.Latency;

/// <summary>
/// A latency profile kept as a cache entry of kind <see cref="LatencyKind"/>: the profile's JSON is the entry's value,
/// extended through the runner under the cache's lock, so processes sharing a cache extend one profile and use the
/// same figures. A damaged entry is reported by the store and read as none (measured again).
/// </summary>
public sealed class CachedLatencyProfile(CacheRunner runner, CacheKey key) : ILatencyProfileStore
{
    /// <summary>The entry's file, which messages about the profile name.</summary>
    public string Path => runner.Store.PathOf(key);

    /// <summary>The stored profile, or null when there is none or it does not read as a profile (<paramref name="warn"/> says which).</summary>
    public LatencyProfile? TryLoad(Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        if (!runner.Store.TryGet<JsonNode>(key, out var stored)) return null;
        try
        {
            return Read(stored);
        }
        catch (LatencyProfileException e)
        {
            warn($"warning: latency cache entry {Path} is unreadable ({e.Message}); measuring again");
            return null;
        }
    }

    public void Extend(LatencyProfile profile, Action addFresh)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(addFresh);
        runner.Extend<JsonNode>(key, stored =>
        {
            if (stored is not null && TryRead(stored) is { } saved) profile.MergeFrom(saved);
            addFresh();
            return LatencyProfileJson.ToNode(profile);
        });
    }

    private LatencyProfile Read(JsonNode stored) => LatencyProfileJson.Read(Path, System.Text.Json.JsonSerializer.SerializeToElement(stored));

    private LatencyProfile? TryRead(JsonNode stored)
    {
        try
        {
            return Read(stored);
        }
        catch (LatencyProfileException)
        {
            return null;
        }
    }
}
