using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>
/// Data-free runs end to end: `practise synthesize` writes the set as PNG files, and `compress` with a synthetic or
/// noise data.train runs the usual pipeline, shows a grid of the images in report.md, and finds the set in the cache
/// the second time.
/// </summary>
public class SynthesizeTests
{
    private const string Synthetic = "  train: { synthetic: { count: 16, steps: 3, batch-size: 16 } }";

    private static string Manifest(EvalFixture fixture, string train)
    {
        var path = fixture.File($"practise-{Guid.NewGuid():N}.yaml");
        var yaml = TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "blocks: 1", cacheDir: "cache");
        File.WriteAllText(path, yaml.Replace("  train: { idx: { images: images.idx, labels: labels.idx } }", train, StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task Synthesize_writes_numbered_pngs_and_says_how_to_reuse_them()
    {
        using var fixture = new EvalFixture();
        var manifest = Manifest(fixture, Synthetic);
        var output = fixture.File("synthetic");

        var run = await CliRun.Invoke("synthesize", manifest, "--output", output);

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"{i:000}.png"), Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"wrote 16 synthetic images (16×16×1) to {output}: 000.png … 015.png", run.Out, StringComparison.Ordinal);
        Assert.Contains("synthesis: 3/3", run.Error, StringComparison.Ordinal);

        var again = await CliRun.Invoke("synthesize", manifest, "--output", fixture.File("again"), "--json");
        Assert.True(again.Exit == ExitCodes.Ok, again.ToString());
        Assert.Equal(16, again.Json.GetProperty("images").GetInt32());
        Assert.Contains("synthetic set found in the cache (16 images): nothing to synthesise", again.Error, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(output))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(fixture.File("again"), Path.GetFileName(file))));
    }

    [Fact]
    public async Task Synthesize_refuses_a_manifest_with_real_images()
    {
        using var fixture = new EvalFixture();
        var manifest = Manifest(fixture, "  train: { idx: { images: images.idx } }");

        var run = await CliRun.Invoke("synthesize", manifest, "--output", fixture.File("out"));

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.Contains("error PRAC2002: data.train is idx, not a data-free set", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Synthetic, "synthetic", "images synthesised from the teacher")]
    [InlineData("  train: { noise: { count: 16 } }", "noise", "Gaussian-noise images")]
    public async Task Compress_with_a_data_free_set_shows_its_images_in_the_report(string train, string source, string described)
    {
        using var fixture = new EvalFixture();
        var manifest = Manifest(fixture, train);
        var output = fixture.File("out");

        var run = await CliRun.Invoke("compress", manifest, "--output", output, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        var inputs = run.Json.GetProperty("inputs");
        Assert.Equal(source, inputs.GetProperty("source").GetString());
        Assert.Equal("samples.png", inputs.GetProperty("samples").GetString());
        Assert.Equal(16, inputs.GetProperty("images").GetInt32());
        Assert.True(File.Exists(Path.Combine(output, "samples.png")));
        var report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("![the first training images](samples.png)", report, StringComparison.Ordinal);
        Assert.Contains($"using 16 {described}", report, StringComparison.Ordinal);
    }
}
