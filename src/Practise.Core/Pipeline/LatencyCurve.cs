using Practise.Core.Latency;

namespace Practise.Core.Pipeline;

/// <summary>Which prefixes of the ranking (the first k ranked blocks dropped) the report's latency curve shows.</summary>
public static class LatencyCurve
{
    /// <summary>
    /// Every prefix up to the chosen one (measuring the ones a block-count budget does not need), every longer prefix
    /// the profile already holds (a latency budget measured them all), and one beyond the chosen prefix when something
    /// is measured anyway, since it then rides in the same interleaved rounds. A pinned profile is never extended: the
    /// curve shows only the prefixes it holds.
    /// </summary>
    public static IReadOnlyList<int> Sizes(LatencyEstimator estimator, IReadOnlyList<string> baseKey, IReadOnlyList<string> ranking, int chosen)
    {
        bool Stored(int k) => estimator.Profile?.TryLookup(baseKey.Concat(ranking.Take(k)), out _) == true;

        var sizes = Enumerable.Range(1, ranking.Count).Where(k => estimator.Mode == LatencyProfileMode.Read ? Stored(k) : k <= chosen || Stored(k)).ToList();
        if (estimator.Mode == LatencyProfileMode.Extend && chosen < ranking.Count && !Stored(chosen + 1) && sizes.Any(k => !Stored(k)))
            sizes.Add(chosen + 1);
        sizes.Sort();
        return sizes;
    }
}
