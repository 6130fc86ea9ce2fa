using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// Kind <c>recoverability</c>: R(B) of one block (the value, a double). A part belongs in a key exactly when changing it
/// can change the value; anything else would either serve stale values or recompute for nothing.
/// </summary>
public static class RecoverabilityKind
{
    public const string Name = "recoverability";

    /// <summary>
    /// The teacher (by weight hash), the block, the data (by content), how images are fed, the optimisation settings,
    /// the seed and the engine version. Not the strategy, memory cap or parallelism: they change how R is computed, not
    /// its value (the same to 1e-4 relative, tested). Nothing about the machine, so shards computed anywhere merge.
    /// </summary>
    public static CacheKey Key(string modelHash, string block, string dataHash,
        InputSettings input, bool augment, RecoverabilitySettings settings, int seed, string toolVersion) =>
        new CacheKey(Name)
            .Add("model", modelHash)
            .Add("block", block)
            .Add("data", dataHash)
            .AddInput(input)
            .Add("augment", augment)
            .Add("iterations", settings.Iterations)
            .Add("lr", settings.Lr)
            .Add("momentum", settings.Momentum)
            .Add("weight-decay", settings.WeightDecay)
            .Add("batch-size", settings.BatchSize)
            .Add("seed", seed)
            .Add("tool", toolVersion);
}
