using Practise.Manifest;
using Practise.Manifest.Data;

namespace Practise.Core.Selection;

/// <summary>The order in which blocks are dropped, per criterion.</summary>
public static class Ranking
{
    /// <summary>
    /// Score-based criteria: blocks with a measurable saving by ascending criterion/τ, then the rest by ascending
    /// criterion, so noise can never rank a block first. "first" keeps forward order (the paper's BP baseline);
    /// "random" is a seeded shuffle.
    /// </summary>
    public static IReadOnlyList<BlockScore> Order(IReadOnlyList<BlockScore> scores, Criterion criterion, int seed = 0) => criterion switch
    {
        Criterion.First => scores,
        Criterion.Random => SeededSampler.Shuffle(scores.Count, new SplitMix64((ulong)seed)).Select(i => scores[i]).ToList(),
        _ => scores.Where(score => score.Measurable && score.Tau > 0).OrderBy(score => score.Score)
            .Concat(scores.Where(score => !(score.Measurable && score.Tau > 0)).OrderBy(score => score.Criterion))
            .ToList(),
    };
}
