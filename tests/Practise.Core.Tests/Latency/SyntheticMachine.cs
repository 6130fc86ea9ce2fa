namespace Practise.Core.Tests.Latency;

/// <summary>
/// A simulated CPU for the latency statistics: each model has a true forward time, and every timed forward is that
/// time × the machine's load at that moment × seeded jitter, with occasional outliers. Its clock advances by each
/// forward's time, so time-bounded measurement runs as it would on a machine with that load.
/// </summary>
internal sealed class SyntheticMachine(IReadOnlyList<double> trueMs, Func<double, double> loadAt, int seed, double jitter = 0.03, double outlierRate = 0)
{
    private readonly Random random = new(seed);

    public double ClockMs { get; private set; }

    public TimeSpan Elapsed => TimeSpan.FromMilliseconds(ClockMs);

    public double Time(int model)
    {
        var ms = trueMs[model] * loadAt(ClockMs / 1000) * (1 + jitter * ((2 * random.NextDouble()) - 1));
        if (random.NextDouble() < outlierRate) ms *= 5;
        ClockMs += ms;
        return ms;
    }

    public static Func<double, double> Quiet => _ => 1;

    /// <summary>Load rising linearly from 1× to <paramref name="end"/>× over <paramref name="seconds"/>.</summary>
    public static Func<double, double> Drift(double end, double seconds) => t => 1 + ((end - 1) * Math.Min(t / seconds, 1));

    /// <summary>On/off bursts of a busy neighbour: <paramref name="factor"/>× while on; on and off periods each 1–4 s, seeded.</summary>
    public static Func<double, double> Bursts(double factor, int seed)
    {
        var random = new Random(seed);
        var switches = new List<double>();
        var time = 0.0;
        while (time < 10_000) switches.Add(time += 1 + (3 * random.NextDouble()));
        return t => switches.Count(switchTime => switchTime <= t) % 2 == 1 ? factor : 1;
    }

    /// <summary>A teacher of <paramref name="teacherMs"/> and prefixes dropping k = 1..n blocks, each saving <paramref name="saving"/> of it.</summary>
    public static double[] Prefixes(double teacherMs, int blocks, double saving) =>
        [teacherMs, .. Enumerable.Range(1, blocks).Select(k => teacherMs * (1 - (k * saving)))];
}
