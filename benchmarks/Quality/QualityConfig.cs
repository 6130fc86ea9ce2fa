using Practise.Manifest;

namespace Practise.Benchmarks.Quality;

/// <summary>One way of choosing blocks and recovering the pruned network; "no finetune" is read off the practise cell.</summary>
public sealed record Combination(string Name, Criterion Criterion, FinetuneMode Mode, double FinetuneLr);

/// <summary>A tiny training set: how many Fashion-MNIST training images, picked by which seed.</summary>
public sealed record TinySet(int Images, int Seed)
{
    public override string ToString() => $"n{Images}/s{Seed}";
}

/// <summary>
/// What the benchmark runs. Full: sized to finish in about three hours on a 2-core CPU (the example's 600 finetuning
/// steps take ~114 s there, so every step count here is a budget choice, stated in docs/benchmarks.md). Quick: a
/// smoke run of every code path in a few minutes; its numbers mean nothing.
/// </summary>
public sealed record QualityConfig(
    IReadOnlyList<TinySet> Sets,
    IReadOnlyList<double> Budgets,
    IReadOnlyList<Combination> Combinations,
    int RecoverabilityIterations,
    int FinetuneIterations,
    int LatencyRepeats,
    int? EvalLimit,
    TinySet SingleBlockSet,
    int? SingleBlockLimit)
{
    /// <summary>
    /// The paper's recovery step size. The reference's cross-entropy ("BP") baseline uses 1e-4, which barely moves the
    /// weights in 300 steps (a smoke run stayed at chance); 1e-3 gives that baseline a fair chance at this length.
    /// </summary>
    public const double FeatureLr = 0.02;
    public const double CrossEntropyLr = 1e-3;

    public static readonly IReadOnlyList<Combination> AllCombinations =
    [
        new("practise", Criterion.Practise, FinetuneMode.Features, FeatureLr),
        new("l2", Criterion.L2, FinetuneMode.Features, FeatureLr),
        new("kl", Criterion.Kl, FinetuneMode.Features, FeatureLr),
        new("first+ce", Criterion.First, FinetuneMode.CrossEntropy, CrossEntropyLr),
        new("random", Criterion.Random, FinetuneMode.Features, FeatureLr),
    ];

    /// <summary>
    /// 3 seeds at 100 images, 1 elsewhere (issue 7); three budgets from easy to deep. 200 adaptor steps per block is
    /// the example's CPU preset; 300 finetuning steps (half the example's) keeps 90 finetunes near two hours.
    /// </summary>
    public static QualityConfig Full => new(
        [new(100, 0), new(100, 1), new(100, 2), new(20, 0), new(50, 0), new(500, 0)], // the headline size first
        [0.20, 0.35, 0.50],
        AllCombinations,
        RecoverabilityIterations: 200,
        FinetuneIterations: 300,
        LatencyRepeats: 30,
        EvalLimit: null,
        SingleBlockSet: new(100, 0),
        SingleBlockLimit: null);

    /// <summary>Every code path once: one set, one budget, 5 steps, 1,000 test images, two single-block drops.</summary>
    public static QualityConfig Quick => new(
        [new(20, 0)],
        [0.35],
        AllCombinations,
        RecoverabilityIterations: 5,
        FinetuneIterations: 5,
        LatencyRepeats: 5,
        EvalLimit: 1000,
        SingleBlockSet: new(20, 0),
        SingleBlockLimit: 2);

    /// <summary>Identifies results produced under these settings, so a changed setting never reuses an old line.</summary>
    public string Tag => $"r{RecoverabilityIterations}-f{FinetuneIterations}-e{EvalLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}";

    /// <summary>How every results.jsonl key of one teacher under these settings starts (summarize_quality.py reads it too).</summary>
    public string RunPrefix(string teacherHash) => $"{teacherHash[..12]}|{Tag}|";
}
