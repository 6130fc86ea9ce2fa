using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Schema;

/// <summary>
/// Turns the reader's path-keyed values into the typed records, filling defaults from <see cref="ManifestKeys"/>,
/// resolving paths against the manifest's folder and checking rules that span several keys.
/// </summary>
internal sealed class ManifestBuilder(Dictionary<string, Entry> values, ErrorSink errors, string baseDirectory, ManifestLoadOptions options)
{
    public Manifest Build(string sourcePath)
    {
        var model = new ModelSettings(Text("model.arch"), File("model.weights")!, Int("model.num-classes"), BuildInput());
        var train = BuildTrain();
        var data = new DataSettings(train, TrainCount(train), Int("data.seed"), Bool("data.augment"), BuildEval());
        var budget = new BudgetSettings(Optional<double>("budget.latency-reduction"), Optional<double>("budget.latency-ms"),
            OptionalInt("budget.blocks"), Optional<double>("budget.min-accuracy"));
        var latency = new LatencySettings(Device("latency.device"), Enum<LatencyRuntime>("latency.runtime"), Int("latency.batch"), Int("latency.warmup"), Int("latency.repeats"),
            Double("latency.max-seconds"), Int("latency.threads"), File("latency.profile"));
        var recoverability = new RecoverabilitySettings(Int("recoverability.iterations"), Double("recoverability.lr"),
            Double("recoverability.momentum"), Double("recoverability.weight-decay"), Int("recoverability.batch-size"),
            Enum<RecoverabilityStrategy>("recoverability.strategy"), Bool("recoverability.include-first-block"),
            Int("recoverability.memory-cap-mb"), Int("recoverability.parallel-blocks"));
        var finetune = new FinetuneSettings(Enum<FinetuneMode>("finetune.mode"), Int("finetune.iterations"), Double("finetune.lr"),
            Double("finetune.momentum"), Double("finetune.weight-decay"), Int("finetune.batch-size"));
        var channels = new ChannelSettings(Optional<double>("channels.ratio"), Bool("channels.compensate"), Enum<ChannelRanking>("channels.ranking"));
        var manifest = new Manifest(Int("version"), model, data, Method(), channels, budget, latency, recoverability, finetune,
            Enum<Criterion>("criterion"), Device("device"), new OutputSettings(Resolve(Text("output.dir"))), new CacheSettings(CacheDir()))
        {
            SourcePath = sourcePath,
            Warnings = [.. errors.Warnings],
        };
        CheckAcrossKeys(manifest);
        return manifest;
    }

    private InputSettings BuildInput()
    {
        var channels = Int("model.input.channels");
        foreach (var path in new[] { "model.input.mean", "model.input.std" })
        {
            var list = (List<double>)Value(path)!;
            if (list.Count != channels)
            {
                // A default (ImageNet's three values) that does not fit is reported at channels, where the mismatch came from.
                var node = values.GetValueOrDefault(path)?.Node ?? values.GetValueOrDefault("model.input.channels")?.Node;
                var given = values.ContainsKey(path) ? "has" : "defaults to";
                errors.Add(ErrorCodes.LengthMismatch, node, path, $"{given} {list.Count} values but model.input.channels is {channels}",
                    $"give one value per channel ({channels})");
            }
        }
        var std = (List<double>)Value("model.input.std")!;
        if (std.Any(value => value <= 0))
        {
            errors.Add(ErrorCodes.OutOfRange, values["model.input.std"].Node, "model.input.std", "every std must be > 0 (images are divided by it)");
        }
        return new InputSettings(channels, (ImageSize)(Value("model.input.size") ?? new ImageSize(224, 224)), (List<double>)Value("model.input.mean")!, std);
    }

    private TrainSource BuildTrain()
    {
        if (!values.TryGetValue("data.train", out var train) || train.Value is YamlMappingNode)
        {
            if (values.ContainsKey("data.train.safetensors"))
            {
                return new SafetensorsSource(File("data.train.safetensors.path")!, Text("data.train.safetensors.key"));
            }
            if (values.ContainsKey("data.train.synthetic"))
            {
                return new SyntheticSource(SourceCount("data.train.synthetic.count"), Int("data.train.synthetic.steps"), Int("data.train.synthetic.seed"),
                    Double("data.train.synthetic.lr"), Int("data.train.synthetic.batch-size"), Double("data.train.synthetic.bn-weight"),
                    Double("data.train.synthetic.tv-weight"), Double("data.train.synthetic.l2-weight"), Double("data.train.synthetic.jitter"));
            }
            if (values.ContainsKey("data.train.noise"))
            {
                return new NoiseSource(SourceCount("data.train.noise.count"), Int("data.train.noise.seed"));
            }
            return new IdxSource(File("data.train.idx.images") ?? "", File("data.train.idx.labels"));
        }
        var location = new ManifestLocation(errors.File, (int)train.Node.Start.Line, (int)train.Node.Start.Column);
        return new GlobSource((List<string>)train.Value!, baseDirectory) { Location = location };
    }

    /// <summary>A generated set's size: its own count, else data.count (whose default is 100).</summary>
    private int SourceCount(string path) => OptionalInt(path) ?? Int("data.count");

    /// <summary>
    /// data.count of a generated set defaults to the set's size, so writing only synthetic.count (or only data.count)
    /// sizes both; when both are written, data.count picks that many of the set by data.seed, as from any source.
    /// </summary>
    private int TrainCount(TrainSource train)
    {
        var count = Int("data.count");
        var generated = train switch
        {
            SyntheticSource synthetic => (Path: "data.train.synthetic.count", synthetic.Count),
            NoiseSource noise => (Path: "data.train.noise.count", noise.Count),
            _ => (Path: (string?)null, Count: 0),
        };
        if (generated.Path is null) return count;
        if (!values.TryGetValue("data.count", out var written)) return generated.Count;
        if (count > generated.Count)
        {
            errors.Add(ErrorCodes.InconsistentSettings, written.Node, "data.count", $"asks for {count} images but {generated.Path} makes {generated.Count}",
                $"lower data.count, raise {generated.Path}, or remove data.count to use them all");
        }
        return count;
    }

    private EvalSettings? BuildEval()
    {
        if (!values.ContainsKey("data.eval"))
        {
            return null;
        }
        if (values.ContainsKey("data.eval.folder"))
        {
            return new EvalSettings(File("data.eval.folder", directory: true), null, OptionalInt("data.eval.limit"));
        }
        var idx = values.ContainsKey("data.eval.idx") ? new IdxSource(File("data.eval.idx.images") ?? "", File("data.eval.idx.labels")) : null;
        return new EvalSettings(null, idx, OptionalInt("data.eval.limit"));
    }

    private string CacheDir()
    {
        if (values.ContainsKey("cache.dir"))
        {
            return Resolve(Text("cache.dir"));
        }
        var fromEnvironment = options.Environment(ManifestKeys.CacheEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? Resolve(ManifestKeys.DefaultCacheDir)
            : Path.GetFullPath(fromEnvironment);
    }

    private void CheckAcrossKeys(Manifest manifest)
    {
        CheckChannelBudget(manifest);
        if (manifest.Budget.MinAccuracy is not null && manifest.Data.Eval is null)
        {
            errors.Add(ErrorCodes.InconsistentSettings, values["budget.min-accuracy"].Node, "budget.min-accuracy",
                "needs labelled evaluation data to measure accuracy", "add data.eval, or remove min-accuracy");
        }
        if (manifest.Latency.Runtime == LatencyRuntime.Onnxruntime && manifest.Latency.Device != ComputeDevice.Cpu)
        {
            errors.Add(ErrorCodes.InconsistentSettings, values["latency.runtime"].Node, "latency.runtime",
                "onnxruntime is timed on the CPU only, but latency.device is not cpu", "set latency.device: cpu, or latency.runtime: libtorch");
        }
        if (manifest.Finetune.Mode == FinetuneMode.CrossEntropy && manifest.Data.Train is GlobSource or NoiseSource)
        {
            var what = manifest.Data.Train is NoiseSource ? "noise" : "a list of unlabelled images";
            errors.Add(ErrorCodes.InconsistentSettings, values["finetune.mode"].Node, "finetune.mode",
                $"cross-entropy needs labels, but data.train is {what}", "use data.train.idx with labels (or synthetic, labelled by its target classes), or mode: features");
        }
    }

    /// <summary>Resolves a path key against the manifest's folder and, when asked to, checks it exists.</summary>
    private string? File(string path, bool directory = false)
    {
        if (Value(path) is not string text)
        {
            return null;
        }
        var resolved = Resolve(text);
        var exists = directory ? Directory.Exists(resolved) : System.IO.File.Exists(resolved);
        if (options.CheckFiles && !exists && values.TryGetValue(path, out var entry))
        {
            errors.Add(ErrorCodes.FileNotFound, entry.Node, path, $"{(directory ? "folder" : "file")} not found: {resolved}",
                $"relative paths are resolved against the manifest's folder, {baseDirectory}");
        }
        return resolved;
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(baseDirectory, path));

    private object? Value(string path) => values.TryGetValue(path, out var entry) ? entry.Value : Default(path);

    private static object? Default(string path) => ManifestKeys.Find(path)?.Default switch
    {
        List<object> list => list.Select(item => Convert.ToDouble(item, CultureInfo.InvariantCulture)).ToList(),
        long side when path == "model.input.size" => new ImageSize((int)side, (int)side),
        var value => value,
    };

    private int Int(string path) => (int)((Value(path) as long?) ?? 0);

    private int? OptionalInt(string path) => Value(path) is long value ? (int)value : null;

    private double Double(string path) => Value(path) as double? ?? 0;

    private T? Optional<T>(string path)
        where T : struct => Value(path) as T?;

    private bool Bool(string path) => Value(path) as bool? ?? false;

    private string Text(string path) => Value(path) as string ?? "";

    private ComputeDevice Device(string path) => Enum<ComputeDevice>(path);

    /// <summary>method's choices are not enum names in kebab case ("blocks+channels").</summary>
    private PruningMethod Method() => Text("method") switch
    {
        "channels" => PruningMethod.Channels,
        "blocks+channels" => PruningMethod.BlocksAndChannels,
        _ => PruningMethod.Blocks,
    };

    /// <summary>YAML names are the enum names in kebab case (adaptors-only ↔ AdaptorsOnly).</summary>
    private T Enum<T>(string path)
        where T : struct, Enum => System.Enum.Parse<T>(Text(path).Replace("-", "", StringComparison.Ordinal), ignoreCase: true);

    /// <summary>A block count says nothing about width: channel pruning needs a latency budget or a fixed ratio (docs/channel-pruning.md).</summary>
    private void CheckChannelBudget(Manifest manifest)
    {
        if (manifest.Budget.Blocks is null) return;
        if (manifest.Method == PruningMethod.Channels)
        {
            errors.Add(ErrorCodes.InconsistentSettings, values["budget.blocks"].Node, "budget.blocks",
                "applies to block dropping only, but method is channels", "give budget.latency-reduction or budget.latency-ms (and channels.ratio to fix the ratio), or method: blocks+channels");
        }
        else if (manifest.Method == PruningMethod.BlocksAndChannels && manifest.Channels.Ratio is null)
        {
            errors.Add(ErrorCodes.InconsistentSettings, values["budget.blocks"].Node, "budget.blocks",
                "with method blocks+channels a block count leaves no latency target to choose channels.ratio by", "add channels.ratio, or give budget.latency-reduction or budget.latency-ms");
        }
    }
}
