namespace Practise.Core.Latency;

/// <summary>A closed range of values, Low ≤ High.</summary>
public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double value) => Low <= value && value <= High;
}

/// <summary>
/// A distribution-free confidence interval for a median: the k-th smallest and k-th largest of n samples cover the
/// median with probability 1 − 2·P(Binomial(n, ½) &lt; k), whatever the distribution. No resampling and no seed, and
/// bursts or outliers move it only by the count of samples they touch, not by their size.
/// </summary>
public static class MedianInterval
{
    /// <summary>Two-sided coverage: each bound alone is a one-sided 95% bound.</summary>
    public const double Confidence = 0.90;

    /// <summary>
    /// The interval with at least <see cref="Confidence"/> coverage; with fewer than 5 samples no pair of order
    /// statistics reaches it and the interval is the samples' whole range.
    /// </summary>
    public static Interval Of(IReadOnlyList<double> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        var k = Rank(sorted.Length);
        return new Interval(sorted[k - 1], sorted[^k]);
    }

    /// <summary>The largest k ≥ 1 with P(Binomial(n, ½) ≤ k − 1) ≤ (1 − Confidence) / 2; 1 when none is.</summary>
    public static int Rank(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var tail = (1 - Confidence) / 2;
        // Binomial(n, ½) probabilities in log space: n up to thousands of rounds underflows 0.5^n in doubles.
        var logPmf = -n * Math.Log(2);
        var cumulative = Math.Exp(logPmf);
        if (cumulative > tail) return 1;
        var k = 1;
        for (var j = 1; 2 * j < n; j++)
        {
            logPmf += Math.Log((double)(n - j + 1) / j);
            cumulative += Math.Exp(logPmf);
            if (cumulative > tail) break;
            k = j + 1;
        }
        return k;
    }
}
