namespace Practise.Core.Synthesis;

/// <summary>
/// How a synthesised set of <paramref name="Count"/> images is cut into batches and which class each image aims at.
/// Batches are as equal as possible (100 at batch size 64 is 50 + 50, not 64 + 36): the BatchNorm statistics are
/// matched per batch, and a small last batch matches them worst. Image i aims at class ⌊i · classes / count⌋, so the
/// classes are spread evenly over model.num-classes.
/// </summary>
public sealed record SynthesisPlan(int Count, int BatchSize, int Classes)
{
    public int Batches => (Count + BatchSize - 1) / BatchSize;

    /// <summary>The first image of batch <paramref name="batch"/> and how many it holds.</summary>
    public (int Start, int Length) Batch(int batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batch, Batches);
        var start = (int)((long)batch * Count / Batches);
        var end = (int)((long)(batch + 1) * Count / Batches);
        return (start, end - start);
    }

    /// <summary>The target class of each image of batch <paramref name="batch"/>.</summary>
    public long[] Targets(int batch)
    {
        var (start, length) = Batch(batch);
        return Enumerable.Range(start, length).Select(image => (long)image * Classes / Count).ToArray();
    }
}
