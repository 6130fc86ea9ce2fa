namespace Practise.Manifest.Tests;

public class ManifestParsingTests
{
    private const string Minimal = """
        model:
          arch: resnet34
          weights: weights/resnet34.safetensors
        data:
          train: ["images/*.jpg"]
        budget:
          blocks: 2
        """;

    private static readonly string LatencyBudget = Minimal.Replace("blocks: 2", "latency-reduction: 20%", StringComparison.Ordinal);

    private static readonly ManifestLoadOptions NoFiles = new() { CheckFiles = false, Environment = _ => null };

    private static Manifest Parse(string yaml, ManifestLoadOptions? options = null) =>
        ManifestLoader.Parse(yaml, "/project/practise.yaml", options ?? NoFiles);

    private static IReadOnlyList<ManifestError> Errors(string yaml, ManifestLoadOptions? options = null) =>
        Assert.Throws<ManifestException>(() => Parse(yaml, options)).Errors;

    [Fact]
    public void Minimal_manifest_gets_every_default()
    {
        var manifest = Parse(Minimal);

        Assert.Equal(1, manifest.Version);
        Assert.Equal("resnet34", manifest.Model.Arch);
        Assert.Equal("/project/weights/resnet34.safetensors", manifest.Model.Weights);
        Assert.Equal(1000, manifest.Model.NumClasses);
        Assert.Equal(new ImageSize(224, 224), manifest.Model.Input.Size);
        Assert.Equal([0.485, 0.456, 0.406], manifest.Model.Input.Mean);
        Assert.Equal([0.229, 0.224, 0.225], manifest.Model.Input.Std);
        var train = Assert.IsType<GlobSource>(manifest.Data.Train);
        Assert.Equal(["images/*.jpg"], train.Patterns);
        Assert.Equal("/project", train.BaseDirectory);
        Assert.Equal((100, 0, true), (manifest.Data.Count, manifest.Data.Seed, manifest.Data.Augment));
        Assert.Null(manifest.Data.Eval);
        Assert.Equal(BudgetKind.Blocks, manifest.Budget.Kind);
        Assert.Equal(new LatencySettings(ComputeDevice.Cpu, LatencyRuntime.Libtorch, 64, 5, 30, 60, 2, null), manifest.Latency);
        Assert.Equal(new RecoverabilitySettings(1000, 0.02, 0.9, 1e-4, 64, RecoverabilityStrategy.SharedPrefix, false, 4096, 0), manifest.Recoverability);
        Assert.Equal(new FinetuneSettings(FinetuneMode.Features, 2000, 0.02, 0.9, 1e-4, 64), manifest.Finetune);
        Assert.Equal((Criterion.Practise, ComputeDevice.Cpu), (manifest.Criterion, manifest.Device));
        Assert.Equal("/project/out", manifest.Output.Dir);
        Assert.Equal("/project/obj/practise-cache", manifest.Cache.Dir);
        Assert.Equal("/project/practise.yaml", manifest.SourcePath);
    }

    [Fact]
    public void Unknown_key_names_line_column_path_and_suggestion()
    {
        var error = Assert.Single(Errors(Minimal + "\nbudjet:\n  blocks: 1\n"));

        Assert.Equal("PRAC1002", error.Code);
        Assert.Equal("/project/practise.yaml", error.File);
        Assert.Equal((8, 1), (error.Line, error.Column));
        Assert.Equal("budjet", error.KeyPath);
        Assert.Equal("/project/practise.yaml(8,1): error PRAC1002: budjet: unknown key 'budjet' at line 8 (did you mean 'budget'?)", error.ToString());
    }

    [Fact]
    public void Key_in_the_wrong_section_says_where_it_belongs()
    {
        var error = Assert.Single(Errors(Minimal + "\nmomentum: 0.5\n"));

        Assert.Equal("'momentum' belongs at recoverability.momentum or finetune.momentum", error.Fix);
    }

    [Fact]
    public void Every_error_is_collected()
    {
        var errors = Errors("""
            model:
              arch: resnet35
              weights: w.safetensors
              num-classes: "10"
            data:
              train: ["*.png"]
              count: 0
            budget:
              latency-reduction: 20
              blocks: 1
            latency:
              warmpu: 3
            """);

        Assert.Equal(["PRAC1006", "PRAC1003", "PRAC1004", "PRAC1004", "PRAC1007", "PRAC1002"], errors.Select(error => error.Code));
        Assert.Equal("did you mean 'resnet34'? allowed: resnet18, resnet34, resnet50, resnet101, resnet152, mobilenet_v2, resnet20_cifar, resnet32_cifar, resnet44_cifar, resnet56_cifar", errors[0].Fix);
        Assert.Equal(("model.num-classes", "remove the quotes"), (errors[1].KeyPath, errors[1].Fix));
        Assert.Equal(("data.count", "use a value >= 1"), (errors[2].KeyPath, errors[2].Fix));
        Assert.Equal("for 20 percent write \"20%\"", errors[3].Fix);
        Assert.Equal("budget", errors[4].KeyPath);
        Assert.Equal(("latency.warmpu", "did you mean 'warmup'?"), (errors[5].KeyPath, errors[5].Fix));
    }

    [Theory]
    [InlineData("latency-reduction: \"20%\"", 0.2)]
    [InlineData("latency-reduction: 12.5%", 0.125)]
    [InlineData("latency-reduction: 0.3", 0.3)]
    public void Latency_reduction_reads_percent_or_fraction(string line, double expected) =>
        Assert.Equal(expected, Parse(Minimal.Replace("blocks: 2", line, StringComparison.Ordinal)).Budget.LatencyReduction!.Value, 12);

    [Theory]
    [InlineData("latency-reduction: \"0%\"", "PRAC1004")]
    [InlineData("latency-reduction: 1.0", "PRAC1004")]
    [InlineData("latency-reduction: fast", "PRAC1003")]
    [InlineData("latency-ms: 0", "PRAC1004")]
    [InlineData("blocks: 1.5", "PRAC1003")]
    [InlineData("blocks: 0", "PRAC1004")]
    [InlineData("blocks:", "PRAC1003")]
    [InlineData("blocks: 99999999999", "PRAC1004")]
    [InlineData("min-accuracy: 50", "PRAC1007")]
    public void Impossible_budgets_are_rejected(string line, string code) =>
        Assert.Contains(code, Errors(Minimal.Replace("blocks: 2", line, StringComparison.Ordinal)).Select(error => error.Code));

    [Fact]
    public void Method_defaults_to_blocks_and_channels_to_a_ratio_the_budget_chooses_with_compensation()
    {
        var manifest = Parse(Minimal);

        Assert.Equal(PruningMethod.Blocks, manifest.Method);
        Assert.Equal(new ChannelSettings(null, Compensate: true, ChannelRanking.Global), manifest.Channels);
    }

    [Theory]
    [InlineData("channels", PruningMethod.Channels)]
    [InlineData("blocks+channels", PruningMethod.BlocksAndChannels)]
    [InlineData("blocks", PruningMethod.Blocks)]
    public void Method_and_channel_settings_are_read(string method, PruningMethod expected)
    {
        var manifest = Parse(LatencyBudget + $"\nmethod: {method}\nchannels:\n  ratio: 40%\n  compensate: false\n  ranking: per-layer\n");

        Assert.Equal(expected, manifest.Method);
        Assert.Equal(new ChannelSettings(0.4, Compensate: false, ChannelRanking.PerLayer), manifest.Channels);
    }

    [Theory]
    [InlineData("ratio: 0", "PRAC1004")]
    [InlineData("ratio: \"0%\"", "PRAC1004")]
    [InlineData("ratio: 1.0", "PRAC1004")]
    [InlineData("ratio: \"100%\"", "PRAC1004")]
    [InlineData("ratio: 1.5", "PRAC1004")]
    [InlineData("ratio: -0.2", "PRAC1004")]
    [InlineData("ratio: half", "PRAC1003")]
    [InlineData("compensate: maybe", "PRAC1003")]
    [InlineData("ranking: by-magnitude", "PRAC1006")]
    [InlineData("width: 3", "PRAC1002")]
    public void Bad_channel_settings_are_errors_naming_the_key(string line, string code)
    {
        var error = Assert.Single(Errors(LatencyBudget + $"\nmethod: channels\nchannels:\n  {line}\n"));

        Assert.Equal(code, error.Code);
        Assert.Equal($"channels.{line[..line.IndexOf(':', StringComparison.Ordinal)]}", error.KeyPath);
    }

    [Fact]
    public void A_block_count_is_an_error_for_method_channels_and_needs_a_ratio_with_blocks_and_channels()
    {
        var channels = Assert.Single(Errors(Minimal + "\nmethod: channels\nchannels:\n  ratio: 0.3\n"));
        Assert.Equal(("PRAC1011", "budget.blocks"), (channels.Code, channels.KeyPath));
        Assert.Contains("method is channels", channels.Message, StringComparison.Ordinal);

        var combined = Assert.Single(Errors(Minimal + "\nmethod: blocks+channels\n"));
        Assert.Equal(("PRAC1011", "budget.blocks"), (combined.Code, combined.KeyPath));
        Assert.Contains("channels.ratio", combined.Fix, StringComparison.Ordinal);

        Assert.Equal(0.3, Parse(Minimal + "\nmethod: blocks+channels\nchannels:\n  ratio: 0.3\n").Channels.Ratio);
    }

    [Fact]
    public void An_unknown_method_lists_the_choices()
    {
        var error = Assert.Single(Errors(Minimal + "\nmethod: width\n"));

        Assert.Equal(("PRAC1006", "method"), (error.Code, error.KeyPath));
        Assert.Contains("blocks+channels", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Latency_runtime_reads_onnxruntime_and_needs_the_cpu()
    {
        Assert.Equal(LatencyRuntime.Onnxruntime, Parse(Minimal + "\nlatency:\n  runtime: onnxruntime\n").Latency.Runtime);

        var error = Assert.Single(Errors(Minimal + "\nlatency:\n  runtime: onnxruntime\n  device: cuda\n"));
        Assert.Equal(("PRAC1011", "latency.runtime"), (error.Code, error.KeyPath));
        Assert.Contains("latency.device: cpu", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("PRAC1006", Assert.Single(Errors(Minimal + "\nlatency:\n  runtime: tensorrt\n")).Code);
    }

    [Fact]
    public void Size_takes_height_and_width_and_mean_must_match_channels()
    {
        var yaml = Minimal.Replace("  weights:", "  input:\n    size: [32, 48]\n    channels: 1\n    mean: [0.5]\n    std: [0.25]\n  weights:", StringComparison.Ordinal);
        var input = Parse(yaml).Model.Input;
        Assert.Equal((1, new ImageSize(32, 48)), (input.Channels, input.Size));

        var mismatch = Errors(Minimal.Replace("  weights:", "  input:\n    channels: 1\n  weights:", StringComparison.Ordinal));
        Assert.Equal(["model.input.mean", "model.input.std"], mismatch.Select(error => error.KeyPath));
        Assert.All(mismatch, error => Assert.Equal("PRAC1010", error.Code));
    }

    [Fact]
    public void Missing_required_keys_are_reported_at_their_section()
    {
        var errors = Errors("model:\n  arch: resnet18\nbudget:\n  blocks: 1\n");

        Assert.Equal(["model.weights", "data"], errors.Select(error => error.KeyPath));
        Assert.All(errors, error => Assert.Equal("PRAC1005", error.Code));
        Assert.Equal((1, 1), (errors[1].Line, errors[1].Column));
    }

    [Fact]
    public void Alternative_sources_are_read()
    {
        var idx = Parse(Minimal.Replace("train: [\"images/*.jpg\"]", "train:\n    idx:\n      images: a/imgs\n      labels: a/labels", StringComparison.Ordinal));
        Assert.Equal(new IdxSource("/project/a/imgs", "/project/a/labels"), idx.Data.Train);

        var tensors = Parse(Minimal.Replace("train: [\"images/*.jpg\"]", "train:\n    safetensors: {path: x.safetensors, key: images}", StringComparison.Ordinal));
        Assert.Equal(new SafetensorsSource("/project/x.safetensors", "images"), tensors.Data.Train);

        var both = Errors(Minimal.Replace("train: [\"images/*.jpg\"]", "train:\n    idx: {images: a}\n    safetensors: {path: b, key: c}", StringComparison.Ordinal));
        Assert.Equal("PRAC1007", Assert.Single(both).Code);

        var scalar = Assert.Single(Errors(Minimal.Replace("train: [\"images/*.jpg\"]", "train: images/*.jpg", StringComparison.Ordinal)));
        Assert.Equal(("PRAC1003", "write it as a list: train: [\"images/*.jpg\"]"), (scalar.Code, scalar.Fix));
    }

    [Fact]
    public void Eval_needs_exactly_one_source()
    {
        var yaml = Minimal.Replace("  train:", "  eval:\n    folder: val\n    limit: 10\n  train:", StringComparison.Ordinal);
        Assert.Equal(new EvalSettings("/project/val", null, 10), Parse(yaml).Data.Eval);

        var none = Errors(Minimal.Replace("  train:", "  eval:\n    limit: 10\n  train:", StringComparison.Ordinal));
        Assert.Equal(("PRAC1007", "data.eval"), (Assert.Single(none).Code, none[0].KeyPath));
    }

    [Fact]
    public void Missing_files_name_the_resolved_path()
    {
        using var folder = new TempDirectory();
        var manifestPath = Path.Combine(folder.Path, "practise.yaml");
        File.WriteAllText(manifestPath, Minimal);

        var error = Assert.Single(Assert.Throws<ManifestException>(() => ManifestLoader.Load(manifestPath)).Errors);

        Assert.Equal(("PRAC1009", "model.weights", 3), (error.Code, error.KeyPath, error.Line));
        Assert.Contains(Path.Combine(folder.Path, "weights", "resnet34.safetensors"), error.Message, StringComparison.Ordinal);

        folder.File("weights/resnet34.safetensors");
        Assert.Equal(Path.Combine(folder.Path, "weights", "resnet34.safetensors"), ManifestLoader.Load(manifestPath).Model.Weights);
    }

    [Fact]
    public void Missing_manifest_and_bad_yaml_have_codes()
    {
        Assert.Equal("PRAC1000", Assert.Throws<ManifestException>(() => ManifestLoader.Load("/nonexistent/practise.yaml")).Code);
        var syntax = Assert.Single(Errors("model:\n  arch: [resnet18\n"));
        Assert.Equal("PRAC1001", syntax.Code);
        Assert.True(syntax.Line > 0);
        Assert.Equal("PRAC1001", Assert.Single(Errors("# nothing here\n")).Code);
        Assert.Equal("PRAC1003", Assert.Single(Errors("- a\n- b\n")).Code);
    }

    [Fact]
    public void Cache_dir_comes_from_the_key_then_the_environment_then_the_default()
    {
        var environment = NoFiles with { Environment = name => name == "PRACTISE_CACHE" ? "/shared/cache" : null };

        Assert.Equal("/shared/cache", Parse(Minimal, environment).Cache.Dir);
        Assert.Equal("/project/c", Parse(Minimal + "\ncache:\n  dir: c\n", environment).Cache.Dir);
        Assert.Equal("/project/obj/practise-cache", Parse(Minimal).Cache.Dir);
    }

    [Fact]
    public void Contradicting_settings_are_rejected()
    {
        var error = Assert.Single(Errors(Minimal + "\nfinetune:\n  mode: cross-entropy\n"));
        Assert.Equal(("PRAC1011", "finetune.mode"), (error.Code, error.KeyPath));
        Assert.Equal(FinetuneMode.AdaptorsOnly, Parse(Minimal + "\nfinetune:\n  mode: adaptors-only\n").Finetune.Mode);
    }

    [Theory]
    [InlineData("augment: yes", "PRAC1003")]
    [InlineData("seed: -1", "PRAC1004")]
    [InlineData("count: ten", "PRAC1003")]
    public void Yaml_1_1_spellings_and_bad_numbers_are_rejected(string line, string code)
    {
        var error = Assert.Single(Errors(Minimal.Replace("  train:", $"  {line}\n  train:", StringComparison.Ordinal)));
        Assert.Equal(code, error.Code);
    }
}
