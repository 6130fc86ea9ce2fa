namespace Practise.Manifest.Tests;

/// <summary>data.train.synthetic and data.train.noise: defaults, how data.count and their count size each other, and the errors.</summary>
public class SyntheticDataTests
{
    private static readonly ManifestLoadOptions NoFiles = new() { CheckFiles = false, Environment = _ => null };

    private static string Yaml(string train, string dataExtra = "", string extra = "") => $"""
        model: {"{"}arch: resnet20_cifar, weights: w.safetensors, num-classes: 10{"}"}
        data:
          train: {train}
        {dataExtra}
        budget: {"{"}blocks: 1{"}"}
        {extra}
        """;

    private static Manifest Parse(string yaml) => ManifestLoader.Parse(yaml, "/project/practise.yaml", NoFiles);

    private static ManifestError Error(string yaml) => Assert.Single(Assert.Throws<ManifestException>(() => Parse(yaml)).Errors);

    [Fact]
    public void Synthetic_gets_deepinversion_defaults_and_data_count()
    {
        var manifest = Parse(Yaml("{synthetic: {}}"));

        Assert.Equal(new SyntheticSource(100, 2000, 0, 0.25, 64, 0.01, 1e-4, 1e-5, 0.125), manifest.Data.Train);
        Assert.Equal(100, manifest.Data.Count);
    }

    [Fact]
    public void The_example_settings_read_as_written()
    {
        var manifest = Parse(Yaml("{synthetic: {count: 40, steps: 300, seed: 7, lr: 0.1, batch-size: 16, bn-weight: 0.05, tv-weight: 0.001, l2-weight: 0, jitter: 0.1}}"));

        Assert.Equal(new SyntheticSource(40, 300, 7, 0.1, 16, 0.05, 0.001, 0, 0.1), manifest.Data.Train);
        Assert.Equal(40, manifest.Data.Count);
    }

    [Theory]
    [InlineData("{synthetic: {count: 30}}", "", 30, 30)]
    [InlineData("{synthetic: {}}", "  count: 30", 30, 30)]
    [InlineData("{synthetic: {count: 50}}", "  count: 30", 50, 30)]
    [InlineData("{noise: {count: 30}}", "", 30, 30)]
    [InlineData("{noise: {}}", "  count: 20", 20, 20)]
    public void Data_count_and_the_generated_count_default_to_each_other(string train, string dataExtra, int generated, int used)
    {
        var manifest = Parse(Yaml(train, dataExtra));

        Assert.Equal(generated, manifest.Data.Train switch { SyntheticSource s => s.Count, NoiseSource n => n.Count, _ => -1 });
        Assert.Equal(used, manifest.Data.Count);
    }

    [Fact]
    public void Noise_is_one_key_away()
    {
        var manifest = Parse(Yaml("{noise: {seed: 4}}"));

        Assert.Equal(new NoiseSource(100, 4), manifest.Data.Train);
    }

    [Theory]
    [InlineData("{synthetic: {count: 0}}", "data.train.synthetic.count")]
    [InlineData("{synthetic: {steps: 0}}", "data.train.synthetic.steps")]
    [InlineData("{synthetic: {batch-size: 0}}", "data.train.synthetic.batch-size")]
    [InlineData("{synthetic: {lr: 0}}", "data.train.synthetic.lr")]
    [InlineData("{synthetic: {jitter: 0.6}}", "data.train.synthetic.jitter")]
    [InlineData("{synthetic: {bn-weight: -1}}", "data.train.synthetic.bn-weight")]
    [InlineData("{noise: {count: 0}}", "data.train.noise.count")]
    public void Bad_settings_name_the_key(string train, string key)
    {
        var error = Error(Yaml(train));

        Assert.Equal((ErrorCodes.OutOfRange, key), (error.Code, error.KeyPath));
    }

    [Fact]
    public void More_images_than_synthesised_is_an_error_at_data_count()
    {
        var error = Error(Yaml("{synthetic: {count: 10}}", "  count: 20"));

        Assert.Equal((ErrorCodes.InconsistentSettings, "data.count"), (error.Code, error.KeyPath));
        Assert.Contains("data.train.synthetic.count makes 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_and_another_source_together_is_an_error()
    {
        var error = Error(Yaml("{synthetic: {}, noise: {}}"));

        Assert.Equal(ErrorCodes.ConflictingKeys, error.Code);
    }

    [Fact]
    public void Unknown_synthesis_key_suggests_the_closest()
    {
        var error = Error(Yaml("{synthetic: {step: 10}}"));

        Assert.Equal((ErrorCodes.UnknownKey, "data.train.synthetic.step"), (error.Code, error.KeyPath));
        Assert.Contains("did you mean 'steps'?", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cross_entropy_needs_labels_that_noise_lacks_and_synthetic_has()
    {
        var error = Error(Yaml("{noise: {}}", extra: "finetune: {mode: cross-entropy}"));
        Assert.Equal((ErrorCodes.InconsistentSettings, "finetune.mode"), (error.Code, error.KeyPath));

        Assert.Equal(FinetuneMode.CrossEntropy, Parse(Yaml("{synthetic: {}}", extra: "finetune: {mode: cross-entropy}")).Finetune.Mode);
    }
}
