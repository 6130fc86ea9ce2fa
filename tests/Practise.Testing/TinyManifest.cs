namespace Practise.Testing;

/// <summary>
/// The smallest practise.yaml the engine runs in seconds: a 1-channel resnet20_cifar on a tiny IDX set, batch 2
/// latency with 7 rounds, 6 adaptor and 6 finetuning steps. The budget sits on line 12.
/// </summary>
public static class TinyManifest
{
    /// <param name="withEval">Also evaluate on the training IDX pair (top-1 before and after).</param>
    public static string Yaml(string weights, string images, string labels, int imageSize, string budget,
        bool withEval = false, string? cacheDir = null, string extra = "")
    {
        var lines = new List<string>
        {
            "version: 1",
            "model:",
            "  arch: resnet20_cifar",
            $"  weights: {weights}",
            "  num-classes: 10",
            $"  input: {{ channels: 1, size: {imageSize}, mean: [0.5], std: [0.5] }}",
            "data:",
            $"  train: {{ idx: {{ images: {images}, labels: {labels} }} }}",
            "  count: 16",
            "  seed: 3",
            "budget:",
            $"  {budget}",
            "latency: { batch: 2, warmup: 1, repeats: 7, threads: 1 }",
            "recoverability: { iterations: 6, batch-size: 8 }",
            "finetune: { iterations: 6, batch-size: 8 }",
            "output: { dir: out }",
        };
        if (withEval) lines.Insert(10, $"  eval: {{ idx: {{ images: {images}, labels: {labels} }} }}");
        if (cacheDir is not null) lines.Add($"cache: {{ dir: {cacheDir} }}");
        lines.Add(extra);
        return string.Join('\n', lines) + "\n";
    }
}
