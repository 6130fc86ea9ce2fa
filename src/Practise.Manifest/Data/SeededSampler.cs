namespace Practise.Manifest.Data;

/// <summary>
/// Picks <c>count</c> of <c>population</c> items: a partial Fisher–Yates shuffle of 0..population-1 driven by
/// <see cref="SplitMix64"/>(seed), keeping the first <c>count</c> positions, returned in ascending order.
/// The same (population, count, seed) gives the same indices on every machine and runtime; docs/manifest.md states
/// this recipe, and changing it changes every cache key that depends on the data.
/// </summary>
public static class SeededSampler
{
    public static int[] Choose(int population, int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, population);
        var indices = Enumerable.Range(0, population).ToArray();
        var random = new SplitMix64(unchecked((ulong)seed));
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(population - i));
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var chosen = indices[..count];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>A full Fisher–Yates permutation of 0..count-1 drawn from <paramref name="random"/> (e.g. an epoch's order).</summary>
    public static int[] Shuffle(int count, SplitMix64 random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)random.NextBelow((ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
