namespace Practise.Core.Latency;

/// <summary>How long one latency request may measure: at least <see cref="MinimumRounds"/> quiet rounds, then
/// <see cref="MoreRounds"/> at a time while the decision is open, until <see cref="MaxTime"/> has passed.</summary>
public sealed record RoundPlan(int MinimumRounds, int MoreRounds, TimeSpan MaxTime, int Seed)
{
    public static RoundPlan From(MeasurementSettings settings) =>
        new(settings.Repeats, Math.Max(5, settings.Repeats / 2), TimeSpan.FromSeconds(settings.MaxSeconds), settings.Seed);
}

/// <summary>What one session of rounds did: rounds kept, rounds set aside as disturbed, and whether the decision settled.</summary>
/// <param name="Disturbed">Too few quiet rounds came before the time ran out, so the figures include disturbed ones.</param>
/// <param name="Settled">The caller's decision was settled by the figures returned.</param>
public sealed record SessionSummary(int Rounds, int SetAsideRounds, bool Disturbed, bool Settled, double Seconds);

public sealed record SessionResult(IReadOnlyList<PairedLatency> Variants, SessionSummary Summary);

/// <summary>
/// Adaptive paired measurement. Every round times the teacher and each variant once, in a freshly shuffled order, so
/// every variant is judged by its per-round ratio to the teacher (<see cref="PairedLatency"/>). A round in which any
/// model ran well above its own quiet time was disturbed (drift, or a burst that came or went mid-round, which is what
/// skews a ratio) and is set aside; rounds come in batches until the caller's decision is settled on enough quiet
/// rounds, or the plan's time is up. Then the quiet rounds are used if there are enough of them, else all, flagged.
/// </summary>
public static class PairedRounds
{
    /// <summary>
    /// A forward this much slower than its model's quiet time (the model's lower-quartile time in the session) was
    /// slowed by something else; its round is set aside. The lower quartile stays the quiet time while three quarters
    /// of the rounds are disturbed.
    /// </summary>
    public const double Tolerance = 0.25;

    /// <param name="variants">How many variants besides the teacher.</param>
    /// <param name="time">Milliseconds of one forward of model i: 0 is the teacher, 1..variants the variants.</param>
    /// <param name="settled">Whether figures (one per variant, in order) settle the decision the request is for.</param>
    /// <param name="elapsed">Time since the request began (a stopwatch; a simulated clock in tests).</param>
    public static SessionResult Run(int variants, Func<int, double> time, RoundPlan plan,
        Func<IReadOnlyList<PairedLatency>, bool> settled, Func<TimeSpan> elapsed)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settled);
        ArgumentNullException.ThrowIfNull(elapsed);
        ArgumentOutOfRangeException.ThrowIfLessThan(variants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.MinimumRounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.MoreRounds, 1);
        var random = new Random(plan.Seed);
        var rounds = new List<double[]>();
        while (true)
        {
            Batch(rounds, variants, rounds.Count == 0 ? plan.MinimumRounds : plan.MoreRounds, time, random);
            var quiet = Quiet(rounds);
            if (quiet.Count >= plan.MinimumRounds)
            {
                var figures = Figures(quiet, variants);
                if (settled(figures)) return Result(figures, rounds.Count, quiet.Count, disturbed: false, settled: true, elapsed());
            }
            if (elapsed() < plan.MaxTime) continue;
            var disturbed = quiet.Count < plan.MinimumRounds;
            var used = disturbed ? rounds : quiet;
            var final = Figures(used, variants);
            return Result(final, rounds.Count, used.Count, disturbed, settled(final), elapsed());
        }
    }

    /// <summary>The order models are timed in, per round: a seeded Fisher–Yates permutation of 0..models−1.</summary>
    public static int[] RoundOrder(int models, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = Enumerable.Range(0, models).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>The rounds (times per model, teacher first) in which no model ran above its quiet time by more than the tolerance.</summary>
    public static List<double[]> Quiet(IReadOnlyList<double[]> rounds)
    {
        var models = rounds[0].Length;
        var quietMs = Enumerable.Range(0, models).Select(model => SampleStatistics.Quantile(rounds.Select(round => round[model]).ToArray(), 0.25)).ToArray();
        return rounds.Where(round => Enumerable.Range(0, models).All(model => round[model] <= quietMs[model] * (1 + Tolerance))).ToList();
    }

    private static void Batch(List<double[]> rounds, int variants, int count, Func<int, double> time, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var round = new double[variants + 1];
            foreach (var model in RoundOrder(variants + 1, random)) round[model] = time(model);
            rounds.Add(round);
        }
    }

    private static List<PairedLatency> Figures(IReadOnlyList<double[]> rounds, int variants)
    {
        var teacher = rounds.Select(round => round[0]).ToArray();
        return Enumerable.Range(1, variants).Select(model => new PairedLatency(teacher, rounds.Select(round => round[model]).ToArray())).ToList();
    }

    private static SessionResult Result(List<PairedLatency> figures, int total, int used, bool disturbed, bool settled, TimeSpan elapsed) =>
        new(figures, new SessionSummary(used, total - used, disturbed, settled, elapsed.TotalSeconds));
}
