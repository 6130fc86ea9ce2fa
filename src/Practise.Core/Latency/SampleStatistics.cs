namespace Practise.Core.Latency;

/// <summary>Order statistics over small samples, as numpy computes them (linear interpolation between ranks).</summary>
public static class SampleStatistics
{
    /// <summary>The q-quantile (0 ≤ q ≤ 1) with numpy's default "linear" rule: position q·(n−1) between sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> samples, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1.0);
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        return QuantileOfSorted(sorted, q);
    }

    public static double Median(IReadOnlyList<double> samples) => Quantile(samples, 0.5);

    internal static double QuantileOfSorted(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
