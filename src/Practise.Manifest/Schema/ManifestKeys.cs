namespace Practise.Manifest.Schema;

/// <summary>Every key of practise.yaml with its default and the reason for it, in document order.</summary>
public static class ManifestKeys
{
    public static readonly IReadOnlyList<string> Devices = ["cpu", "cuda"];

    /// <summary>Where the cache lives when neither cache.dir nor $PRACTISE_CACHE says otherwise.</summary>
    public const string DefaultCacheDir = "obj/practise-cache";

    public const string CacheEnvironmentVariable = "PRACTISE_CACHE";

    public static readonly IReadOnlyList<KeySpec> All =
    [
        new("version", KeyKind.Integer, "Manifest format version, so a later layout can be told apart.") { Default = 1L, Minimum = 1, Maximum = 1 },

        new("model", KeyKind.Section, "The network to compress.") { Required = true, Record = typeof(ModelSettings) },
        new("model.arch", KeyKind.Choice, "Architecture; fixes the block layout and which blocks may be dropped.") { Required = true, Choices = ArchitectureNames.All },
        new("model.weights", KeyKind.Path, "Teacher weights as safetensors with torchvision state_dict names.") { Required = true },
        new("model.num-classes", KeyKind.Integer, "Classifier width; ImageNet's 1000 unless the weights say otherwise.") { Default = 1000L, Minimum = 1 },
        new("model.input", KeyKind.Section, "How images are fed to the network.") { Record = typeof(InputSettings) },
        new("model.input.channels", KeyKind.Integer, "Image channels; RGB networks take 3.") { Default = 3L, Minimum = 1 },
        new("model.input.size", KeyKind.Size, "Input resolution (one number for square, or [height, width]); torchvision trains at 224.") { Default = 224L, Minimum = 1 },
        new("model.input.mean", KeyKind.NumberList, "Per-channel normalisation mean (one per channel); ImageNet statistics.") { Default = new List<object> { 0.485, 0.456, 0.406 } },
        new("model.input.std", KeyKind.NumberList, "Per-channel normalisation std (one per channel, > 0); ImageNet statistics.") { Default = new List<object> { 0.229, 0.224, 0.225 } },

        new("data", KeyKind.Section, "The tiny training set (no labels needed) and optional evaluation data.") { Required = true, Record = typeof(DataSettings) },
        new("data.train", KeyKind.GlobsOrSource, "Glob patterns over .jpg/.jpeg/.png files, or an idx or safetensors source, or no images: synthetic (or its noise baseline).") { Required = true },
        new("data.train.idx", KeyKind.Section, "An IDX (MNIST-format) image file.") { Record = typeof(IdxSource) },
        new("data.train.idx.images", KeyKind.Path, "The IDX image file.") { Required = true },
        new("data.train.idx.labels", KeyKind.Path, "The IDX label file; only the cross-entropy baseline reads it."),
        new("data.train.safetensors", KeyKind.Section, "A tensor of images inside a safetensors file.") { Record = typeof(SafetensorsSource) },
        new("data.train.safetensors.path", KeyKind.Path, "The safetensors file.") { Required = true },
        new("data.train.safetensors.key", KeyKind.String, "The tensor's name in the file.") { Required = true },
        new("data.train.synthetic", KeyKind.Section, "No images: synthesise the set from the teacher's BatchNorm statistics (DeepInversion; docs/data-free.md).") { Record = typeof(SyntheticSource) },
        new("data.train.synthetic.count", KeyKind.Integer, "Images to synthesise; data.count defaults to it (and it to data.count).") { Minimum = 1, DefaultText = "data.count" },
        new("data.train.synthetic.steps", KeyKind.Integer, "Optimisation steps per batch; DeepInversion's 2000 (its 2k-iteration setting).") { Default = 2000L, Minimum = 1 },
        new("data.train.synthetic.seed", KeyKind.Integer, "Seed for the starting noise, jitter and flips, so the same settings give the same images.") { Default = 0L, Minimum = 0 },
        new("data.train.synthetic.lr", KeyKind.Number, "Adam learning rate on the pixels (5% warm-up, then cosine decay); DeepInversion's ResNet-50 value.") { Default = 0.25, Minimum = 0, ExclusiveMinimum = true },
        new("data.train.synthetic.batch-size", KeyKind.Integer, "Images optimised together; BN statistics are batch statistics, so batches need many images. DeepInversion's default.") { Default = 64L, Minimum = 1 },
        new("data.train.synthetic.bn-weight", KeyKind.Number, "Weight of the BatchNorm-statistics term (the first BN layer counts 10x); DeepInversion's ResNet-50 value.") { Default = 0.01, Minimum = 0 },
        new("data.train.synthetic.tv-weight", KeyKind.Number, "Weight of the total-variation prior, which favours smooth images; DeepInversion's value.") { Default = 1e-4, Minimum = 0 },
        new("data.train.synthetic.l2-weight", KeyKind.Number, "Weight of the L2 prior, which keeps pixel values small; DeepInversion's value.") { Default = 1e-5, Minimum = 0 },
        new("data.train.synthetic.jitter", KeyKind.Number, "Random shift per step as a fraction of the side, so it scales to small inputs (DeepInversion: 30 px at 224).") { Default = 0.125, Minimum = 0, Maximum = 0.5 },
        new("data.train.noise", KeyKind.Section, "The baseline for synthetic: Gaussian noise in normalised space, as pixels; the same pipeline with no information in it.") { Record = typeof(NoiseSource) },
        new("data.train.noise.count", KeyKind.Integer, "Noise images; data.count defaults to it (and it to data.count).") { Minimum = 1, DefaultText = "data.count" },
        new("data.train.noise.seed", KeyKind.Integer, "Seed for the noise.") { Default = 0L, Minimum = 0 },
        new("data.count", KeyKind.Integer, "How many training images to use; the paper's anchors use 50-1000. With synthetic or noise, their count.") { Default = 100L, Minimum = 1 },
        new("data.seed", KeyKind.Integer, "Seed for picking the images and for augmentation, so runs repeat.") { Default = 0L, Minimum = 0 },
        new("data.augment", KeyKind.Boolean, "Random resized crop + flip while training; the reference recipe.") { Default = true },
        new("data.eval", KeyKind.Section, "Labelled data to report accuracy on; omit to skip evaluation.") { Record = typeof(EvalSettings), ExactlyOneOf = ["folder", "idx"] },
        new("data.eval.folder", KeyKind.Path, "A folder whose subfolders are integer class indices holding images."),
        new("data.eval.idx", KeyKind.Section, "An IDX image/label pair.") { Record = typeof(IdxSource) },
        new("data.eval.idx.images", KeyKind.Path, "The IDX image file.") { Required = true },
        new("data.eval.idx.labels", KeyKind.Path, "The IDX label file; accuracy needs labels.") { Required = true },
        new("data.eval.limit", KeyKind.Integer, "Evaluate on the first N images only, for quick runs (default: all).") { Minimum = 1 },

        new("method", KeyKind.Choice, "What is removed: whole blocks (PRACTISE), hidden channels inside blocks (variance-based pruning, docs/channel-pruning.md), or both.")
        {
            Default = "blocks", Choices = ["blocks", "channels", "blocks+channels"],
        },
        new("channels", KeyKind.Section, "Variance-based channel pruning, read when method is channels or blocks+channels.") { Record = typeof(ChannelSettings) },
        new("channels.ratio", KeyKind.Fraction, "Fraction of the hidden channels removed, as channels.ranking orders them (\"25%\" or 0.25); each layer keeps at least one. Given, it is used as is and the latency budget is checked against it.")
        {
            Minimum = 0, Maximum = 1, ExclusiveMinimum = true, ExclusiveMaximum = true, DefaultText = "the smallest multiple of 5% that meets the latency budget",
        },
        new("channels.ranking", KeyKind.Choice, "Which channels go: global ranks all hidden layers together by activation variance times what the next conv and BatchNorm make of it; per-layer removes the same fraction of every layer by raw variance.")
        {
            Default = "global", Choices = ["global", "per-layer"],
        },
        new("channels.compensate", KeyKind.Boolean, "Fold each removed channel's mean activation into the next BatchNorm, so the output barely moves before finetuning.") { Default = true },

        new("budget", KeyKind.Section, "How much to remove: exactly one of latency-reduction, latency-ms, blocks.")
        {
            Required = true, Record = typeof(BudgetSettings), ExactlyOneOf = ["latency-reduction", "latency-ms", "blocks"],
        },
        new("budget.latency-reduction", KeyKind.Fraction, "Drop blocks until measured latency falls by this fraction (\"20%\" or 0.2).") { Minimum = 0, Maximum = 1, ExclusiveMinimum = true, ExclusiveMaximum = true },
        new("budget.latency-ms", KeyKind.Number, "Drop blocks until measured latency is at most this many milliseconds.") { Minimum = 0, ExclusiveMinimum = true },
        new("budget.blocks", KeyKind.Integer, "Drop exactly this many blocks (the paper's fixed-k setting); method blocks+channels also needs channels.ratio, method channels cannot use it.") { Minimum = 1 },
        new("budget.min-accuracy", KeyKind.Number, "Fail the run when eval top-1 (percent) ends below this; needs data.eval.") { Minimum = 0, Maximum = 100 },

        new("latency", KeyKind.Section, "How latency is measured.") { Record = typeof(LatencySettings) },
        new("latency.device", KeyKind.Choice, "Device whose latency is the budget's target.") { Default = "cpu", Choices = Devices },
        new("latency.runtime", KeyKind.Choice, "Engine the forwards are timed in: libtorch, which trains, or onnxruntime, which runs model.onnx where you deploy it (CPU).") { Default = "libtorch", Choices = ["libtorch", "onnxruntime"] },
        new("latency.batch", KeyKind.Integer, "Batch size timed; the paper's 64.") { Default = 64L, Minimum = 1 },
        new("latency.warmup", KeyKind.Integer, "Untimed forwards first, so allocator and caches settle.") { Default = 5L, Minimum = 0 },
        new("latency.repeats", KeyKind.Integer, "Quiet interleaved rounds every latency decision needs at least; more while it is still open.") { Default = 30L, Minimum = 1 },
        new("latency.max-seconds", KeyKind.Number, "How long one latency decision may keep measuring before it is taken, or the run fails as too noisy (PRAC2007).") { Default = 60.0, Minimum = 0 },
        new("latency.threads", KeyKind.Integer, "Intra-op threads, pinned so figures are comparable across runs.") { Default = 2L, Minimum = 1 },
        new("latency.profile", KeyKind.Path, "A pinned latency profile to read instead of measuring (reproducible CI)."),

        new("recoverability", KeyKind.Section, "Scoring each block by how well adaptors recover the features without it.") { Record = typeof(RecoverabilitySettings) },
        new("recoverability.iterations", KeyKind.Integer, "Adaptor training steps per block; the reference's 1000.") { Default = 1000L, Minimum = 1 },
        new("recoverability.lr", KeyKind.Number, "SGD learning rate (x0.1 at 40% and 80% of the steps); reference value.") { Default = 0.02, Minimum = 0, ExclusiveMinimum = true },
        new("recoverability.momentum", KeyKind.Number, "SGD momentum; reference value.") { Default = 0.9, Minimum = 0, Maximum = 1, ExclusiveMaximum = true },
        new("recoverability.weight-decay", KeyKind.Number, "SGD weight decay; reference value.") { Default = 1e-4, Minimum = 0 },
        new("recoverability.batch-size", KeyKind.Integer, "Images per step (the whole set when smaller); reference value.") { Default = 64L, Minimum = 1 },
        new("recoverability.strategy", KeyKind.Choice, "shared-prefix trains every candidate from one teacher pass, sharing the layers before its block (fast); full trains each block alone, the reference loop. Same scores.")
        {
            Default = "shared-prefix", Choices = ["shared-prefix", "full"], DeprecatedChoices = new Dictionary<string, string> { ["incremental"] = "shared-prefix" },
        },
        new("recoverability.include-first-block", KeyKind.Boolean, "Also offer each BasicBlock ResNet's layer1.0; off keeps the reference candidate set.") { Default = false },
        new("recoverability.memory-cap-mb", KeyKind.Integer, "Memory the shared-prefix strategy may use for blocks trained side by side; above it, it works in groups (slower, never fails).") { Default = 4096L, Minimum = 64 },
        new("recoverability.parallel-blocks", KeyKind.Integer, "Blocks the shared-prefix strategy trains at once, each on its own thread with one libtorch thread; 0 = one per latency.threads, 1 = one after another.") { Default = 0L, Minimum = 0 },

        new("finetune", KeyKind.Section, "Recovering the pruned network on the tiny set.") { Record = typeof(FinetuneSettings) },
        new("finetune.mode", KeyKind.Choice, "features mimics the teacher's last feature map (the paper); the others are baselines.") { Default = "features", Choices = ["features", "adaptors-only", "cross-entropy"] },
        new("finetune.iterations", KeyKind.Integer, "Training steps; the reference's 2000 (0 skips finetuning).") { Default = 2000L, Minimum = 0 },
        new("finetune.lr", KeyKind.Number, "SGD learning rate (x0.1 at 40% and 80%); reference value (use ~1e-4 for cross-entropy).") { Default = 0.02, Minimum = 0, ExclusiveMinimum = true },
        new("finetune.momentum", KeyKind.Number, "SGD momentum; reference value.") { Default = 0.9, Minimum = 0, Maximum = 1, ExclusiveMaximum = true },
        new("finetune.weight-decay", KeyKind.Number, "SGD weight decay; reference value.") { Default = 1e-4, Minimum = 0 },
        new("finetune.batch-size", KeyKind.Integer, "Images per step (the whole set when smaller); reference value.") { Default = 64L, Minimum = 1 },

        new("criterion", KeyKind.Choice, "How blocks are ranked: practise (recoverability / latency gain) or a baseline.") { Default = "practise", Choices = ["practise", "l2", "kl", "first", "random"] },
        new("device", KeyKind.Choice, "Where scoring, finetuning and evaluation run; cuda needs the CUDA build (docs/engine.md#gpu).") { Default = "cpu", Choices = Devices },

        new("output", KeyKind.Section, "Where results go.") { Record = typeof(OutputSettings) },
        new("output.dir", KeyKind.Path, "Folder for the pruned weights, the report and the effective manifest.") { Default = "out" },

        new("cache", KeyKind.Section, "The content-addressed score cache (see docs/cache.md).") { Record = typeof(CacheSettings) },
        new("cache.dir", KeyKind.Path, "Cache folder, shared safely between runs and processes.")
        {
            DefaultText = $"${CacheEnvironmentVariable}, else {DefaultCacheDir}",
        },
    ];

    private static readonly Dictionary<string, KeySpec> ByPath = All.ToDictionary(spec => spec.Path, StringComparer.Ordinal);

    /// <summary>The spec for a dotted key path, or null when there is no such key.</summary>
    public static KeySpec? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>The direct children of a section ("" for the top level).</summary>
    public static IEnumerable<KeySpec> ChildrenOf(string parent) => All.Where(spec => spec.Parent == parent);
}
