using Practise.Core.Latency;

namespace Practise.Core.Tests.Latency;

public class MedianIntervalTests
{
    [Theory]
    [InlineData(4, 1)]    // P(X ≤ 0) = 1/16 > 5%: no pair of order statistics reaches 90%; the whole range
    [InlineData(5, 1)]    // P(X ≤ 0) = 1/32 ≤ 5% < P(X ≤ 1) = 6/32
    [InlineData(15, 4)]   // P(X ≤ 3) = 0.0176, P(X ≤ 4) = 0.0592
    [InlineData(100, 42)] // P(X ≤ 41) = 0.0443, P(X ≤ 42) = 0.0666 (binomial tables)
    public void TheRankIsTheLargestWhoseBinomialTailIsWithinFivePercent(int samples, int rank) =>
        Assert.Equal(rank, MedianInterval.Rank(samples));

    [Fact]
    public void TheIntervalCoversTheMedianAtLeastNinetyPercentOfTheTimeOnSkewedSamples()
    {
        // Exponential samples (median ln 2): skewed like latencies with a long slow tail.
        var random = new Random(5);
        var covered = 0;
        const int trials = 4000;
        for (var trial = 0; trial < trials; trial++)
        {
            var samples = Enumerable.Range(0, 15).Select(_ => -Math.Log(1 - random.NextDouble())).ToList();
            if (MedianInterval.Of(samples).Contains(Math.Log(2))) covered++;
        }
        // Exact coverage at n = 15 is 1 − 2 · 0.0176 = 96.5%.
        Assert.InRange((double)covered / trials, 0.95, 0.98);
    }

    [Fact]
    public void AnOutlierMovesTheIntervalByItsRankNotByItsSize()
    {
        var samples = Enumerable.Range(1, 15).Select(i => (double)i).ToList();
        var withOutlier = samples.Take(14).Append(1e9).ToList();

        Assert.Equal(new Interval(4, 12), MedianInterval.Of(samples));
        Assert.Equal(new Interval(4, 12), MedianInterval.Of(withOutlier));
    }
}
