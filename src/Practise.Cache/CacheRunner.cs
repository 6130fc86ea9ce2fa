namespace Practise.Cache;

/// <summary>A value a stage computed, with the blobs to store beside it.</summary>
public sealed record Computed<T>(T Value, IReadOnlyList<CacheBlob> Blobs);

/// <summary>What the runner hands back: the value, and whether it came from the cache.</summary>
public readonly record struct Cached<T>(T Value, bool Hit);

/// <summary>
/// The one load-or-compute-and-store step that every cached stage goes through (as Olive's
/// <c>PassRunner.run_single_pass</c>): look the key up; on a hit return the stored value, once the stage has accepted its
/// blobs; on a miss compute, then store value and blobs (blobs first, entry last) so the next run finds them. Keys come
/// from the kinds' recipes (<see cref="RecoverabilityKind"/>, <see cref="FinetuneKind"/>, <see cref="LatencyKind"/>),
/// each made of the content of what the value is computed from.
/// </summary>
public sealed class CacheRunner(CacheStore store)
{
    public CacheStore Store { get; } = store;

    /// <summary>A value without blobs.</summary>
    public Cached<T> GetOrCompute<T>(CacheKey key, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        return GetOrCompute(key, () => new Computed<T>(compute(), []), (_, _) => true);
    }

    /// <summary>A value with blobs.</summary>
    /// <param name="restore">
    /// On a hit, takes the value and its checked blobs into use (loads weights); false rejects them (weights that no
    /// longer fit the model), and the value is computed again as on a miss.
    /// </param>
    public Cached<T> GetOrCompute<T>(CacheKey key, Func<Computed<T>> compute, Func<T, CacheBlobs, bool> restore)
    {
        ArgumentNullException.ThrowIfNull(compute);
        ArgumentNullException.ThrowIfNull(restore);
        if (Store.TryGet<T>(key, out var stored, out var blobs) && restore(stored, blobs))
        {
            return new Cached<T>(stored, Hit: true);
        }
        var computed = compute();
        Store.Set(key, computed.Value, computed.Blobs);
        return new Cached<T>(computed.Value, Hit: false);
    }

    /// <summary>
    /// Many values of one kind at once (a score per block): every item is looked up first, then
    /// <paramref name="compute"/> gets the missing ones (and is not called when none are) and yields their values as they
    /// become known; each is stored as soon as it is yielded, so an interruption loses only what was still being computed.
    /// </summary>
    public IReadOnlyDictionary<TItem, Cached<T>> GetOrComputeMany<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, CacheKey> keyOf,
        Func<IReadOnlyList<TItem>, IEnumerable<(TItem Item, T Value)>> compute)
        where TItem : notnull
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(compute);
        var keys = items.ToDictionary(item => item, keyOf);
        var results = new Dictionary<TItem, Cached<T>>();
        var missing = new List<TItem>();
        foreach (var item in items)
        {
            if (Store.TryGet<T>(keys[item], out var stored))
            {
                results[item] = new Cached<T>(stored, Hit: true);
            }
            else
            {
                missing.Add(item);
            }
        }
        if (missing.Count == 0)
        {
            return results;
        }
        foreach (var (item, value) in compute(missing))
        {
            if (!keys.TryGetValue(item, out var key) || results.ContainsKey(item))
            {
                throw new InvalidOperationException($"compute yielded '{item}', which was not asked for or was already answered");
            }
            Store.Set(key, value);
            results[item] = new Cached<T>(value, Hit: false);
        }
        var unanswered = missing.Where(item => !results.ContainsKey(item)).ToList();
        if (unanswered.Count > 0)
        {
            throw new InvalidOperationException($"compute yielded no value for {string.Join(", ", unanswered)}");
        }
        return results;
    }

    /// <summary>A value that grows as it is used (a latency profile): see <see cref="CacheStore.Update{T}"/>.</summary>
    public T Extend<T>(CacheKey key, Func<T?, T> update) where T : class => Store.Update(key, update);
}
