using Practise.Core.Latency;

namespace Practise.Core.Tests.Latency;

public class PairedLatencyTests
{
    [Fact]
    public void LoadThatSlowsWholeRoundsCancelsInThePerRoundRatios()
    {
        // The variant takes 70% of the teacher's time; rounds 3 and 4 ran 3× slower for both (a neighbour's burst).
        double[] load = [1, 1, 1, 3, 3, 1, 1];
        var figures = new PairedLatency(load.Select(f => 10 * f).ToList(), load.Select(f => 7 * f).ToList());

        Assert.Equal(0.7, figures.Ratio, 12);
        Assert.Equal(0.3, figures.Reduction, 12);
        Assert.Equal(new Interval(0.3, 0.3), new Interval(Math.Round(figures.ReductionInterval.Low, 12), Math.Round(figures.ReductionInterval.High, 12)));
        Assert.Equal(10, figures.BaselineMedianMs);
    }

    [Fact]
    public void RoundsPoolByConcatenationAndStayPaired()
    {
        var first = new PairedLatency([10, 11], [8, 9]);
        var later = new PairedLatency([20, 22, 21], [16, 18, 17]);

        var pooled = first.Append(later);

        Assert.Equal(5, pooled.Rounds);
        Assert.Equal([0.8, 9.0 / 11, 0.8, 18.0 / 22, 17.0 / 21], pooled.Ratios);
        Assert.True(pooled.SameRounds(new PairedLatency([10, 11, 20, 22, 21], [8, 9, 16, 18, 17])));
    }

    [Fact]
    public void UnpairedOrNonPositiveTimingsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new PairedLatency([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => new PairedLatency([], []));
        Assert.Throws<ArgumentException>(() => new PairedLatency([1, 0], [1, 1]));
        Assert.Throws<ArgumentException>(() => new PairedLatency([1, double.NaN], [1, 1]));
    }
}
