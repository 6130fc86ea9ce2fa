using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// Kind <c>synthesis</c>: one batch of a data-free set (data.train.synthetic), each batch its own entry so an
/// interrupted synthesis resumes at the first batch it had not finished. The value is the batch's image count and
/// final loss; blob <see cref="ImagesBlob"/> holds its uint8 pixels (N×C×H×W) and the classes they were optimised
/// towards. A rebuild finds every batch and synthesises nothing.
/// </summary>
public static class SynthesisKind
{
    public const string Name = "synthesis";

    /// <summary>The batch's images and targets, as safetensors.</summary>
    public const string ImagesBlob = "images.safetensors";

    /// <summary>
    /// The teacher (by content), how images are fed (size, channels, and mean/std: pixels are denormalised with them),
    /// the classifier's width (the targets spread over it), every synthesis setting, which batch of how many, and the
    /// engine version. Not the device or thread count: a set made elsewhere is as good a set, and everything
    /// downstream is keyed by the content of the images it got (docs/data-free.md).
    /// </summary>
    public static CacheKey Key(string modelHash, InputSettings input, int numClasses, SyntheticSource settings, int batch, int batches, string toolVersion) =>
        new CacheKey(Name)
            .Add("model", modelHash)
            .AddInput(input)
            .Add("num-classes", numClasses)
            .Add("count", settings.Count)
            .Add("steps", settings.Steps)
            .Add("seed", settings.Seed)
            .Add("lr", settings.Lr)
            .Add("batch-size", settings.BatchSize)
            .Add("bn-weight", settings.BnWeight)
            .Add("tv-weight", settings.TvWeight)
            .Add("l2-weight", settings.L2Weight)
            .Add("jitter", settings.Jitter)
            .Add("batch", batch)
            .Add("batches", batches)
            .Add("tool", toolVersion);
}
