using Practise.Core.Latency;

namespace Practise.Core.Tests.Latency;

/// <summary>Expected values are numpy's: np.median, np.percentile(x, q) with the default linear rule.</summary>
public class SampleStatisticsTests
{
    [Fact]
    public void QuantilesInterpolateLinearlyBetweenRanksLikeNumpy()
    {
        double[] odd = [5, 1, 4, 2, 3];
        double[] even = [4, 1, 3, 2];
        Assert.Equal(3, SampleStatistics.Median(odd));
        Assert.Equal(2, SampleStatistics.Quantile(odd, 0.25));
        Assert.Equal(4, SampleStatistics.Quantile(odd, 0.75));
        Assert.Equal(2.5, SampleStatistics.Median(even));
        Assert.Equal(1.75, SampleStatistics.Quantile(even, 0.25), 12);
        Assert.Equal(3.25, SampleStatistics.Quantile(even, 0.75), 12);
        Assert.Equal(1.15, SampleStatistics.Quantile(even, 0.05), 12);
        Assert.Equal(7, SampleStatistics.Median([7]));
    }
}
