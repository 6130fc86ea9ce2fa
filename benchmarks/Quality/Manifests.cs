using Practise.Manifest;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// Every run's manifest is the bundled example's (teacher, input, normalisation, test set) with the benchmark's
/// variations applied: the tiny set, the budget, the criterion and finetuning, the iterations, one pinned latency
/// profile and one shared cache.
/// </summary>
public sealed class Manifests(Manifest.Manifest example, QualityConfig config, string workDirectory)
{
    public string WorkDirectory => workDirectory;

    public string ProfilePath => Path.Combine(workDirectory, "latency.profile.json");

    public string CacheDirectory => Path.Combine(workDirectory, "cache");

    /// <summary>The example's manifest with the benchmark's shared settings; <paramref name="pinned"/> reads <see cref="ProfilePath"/>.</summary>
    public Manifest.Manifest For(TinySet set, bool pinned = true)
    {
        var images = ((IdxSource)example.Data.Train).Images;
        // Labels ride along in every cell (only cross-entropy reads them); the data hash covers images only.
        var labels = images.Replace("train-images-idx3-ubyte", "train-labels-idx1-ubyte", StringComparison.Ordinal);
        if (!File.Exists(labels)) throw new FileNotFoundException($"{labels}: Fashion-MNIST training labels not found (the cross-entropy baseline needs them)", labels);
        return example with
        {
            Data = example.Data with
            {
                Train = new IdxSource(images, labels),
                Count = set.Images,
                Seed = set.Seed,
                Eval = example.Data.Eval! with { Limit = config.EvalLimit },
            },
            Latency = example.Latency with { Repeats = config.LatencyRepeats, Profile = pinned ? ProfilePath : null },
            Recoverability = example.Recoverability with { Iterations = config.RecoverabilityIterations },
            Finetune = example.Finetune with { Iterations = config.FinetuneIterations },
            Criterion = Criterion.Practise,
            Output = new OutputSettings(Path.Combine(workDirectory, "out")),
            Cache = new CacheSettings(CacheDirectory),
        };
    }

    public Manifest.Manifest For(TinySet set, double budget, Combination combination) => For(set) with
    {
        Budget = new BudgetSettings(budget, null, null, null),
        Criterion = combination.Criterion,
        Finetune = For(set).Finetune with { Mode = combination.Mode, Lr = combination.FinetuneLr },
    };
}
