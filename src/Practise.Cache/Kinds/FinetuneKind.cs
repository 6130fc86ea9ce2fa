using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// Kind <c>finetune</c>: the last step of compress. The value is the top-1 of the teacher and of the pruned model
/// before and after finetuning; blob <see cref="WeightsBlob"/> holds the finetuned weights. A rebuild with nothing
/// changed (or only the output folder) trains nothing.
/// </summary>
public static class FinetuneKind
{
    public const string Name = "finetune";

    /// <summary>The finetuned student's state_dict, as safetensors.</summary>
    public const string WeightsBlob = "weights.safetensors";

    /// <summary>
    /// The teacher and the training data (by content), the dropped blocks, how images are fed, the seed, every
    /// finetune setting, the eval data (<paramref name="evalHash"/>: by the content of the files it reads, "" without
    /// one) and its limit, the thread count (libtorch's reductions depend on it) and the engine version. Paths never
    /// enter: moving the project, or merging caches from other machines, keeps the entry. A channel-pruned student
    /// also adds <paramref name="studentHash"/>, the SHA-256 of its weights before finetuning, which stands for the
    /// widths, the channels kept and the compensation; block-only keys leave it out and stay as they were.
    /// </summary>
    public static CacheKey Key(string modelHash, string dataHash, IReadOnlyList<string> dropped, InputSettings input, bool augment, int seed,
        FinetuneSettings settings, string evalHash, int? evalLimit, int threads, string toolVersion, string? studentHash = null)
    {
        var key = new CacheKey(Name)
            .Add("model", modelHash)
            .Add("data", dataHash)
            .Add("dropped", dropped)
            .AddInput(input)
            .Add("augment", augment)
            .Add("seed", seed)
            .Add("mode", settings.Mode.ToString())
            .Add("iterations", settings.Iterations)
            .Add("lr", settings.Lr)
            .Add("momentum", settings.Momentum)
            .Add("weight-decay", settings.WeightDecay)
            .Add("batch-size", settings.BatchSize)
            .Add("eval", evalHash)
            .Add("eval.limit", evalLimit ?? -1)
            .Add("threads", threads)
            .Add("tool", toolVersion);
        return studentHash is null ? key : key.Add("student", studentHash);
    }
}
