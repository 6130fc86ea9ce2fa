using Practise.Cache;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Synthesis;
using Practise.Core.Tests.Engine;
using Practise.Manifest;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Synthesis;

/// <summary>
/// Data-free sets from the seeded resnet20_cifar teacher (1 channel, 16×16): reproducible to the byte, cached per
/// batch, resumed after an interruption, and refused for a model without BatchNorm. Runs alone: libtorch's thread
/// count and its global generator are process-wide.
/// </summary>
[Collection(SeededFixtureCollection.Name)]
public class SynthesisTests
{
    private const string Synthetic = "{ synthetic: { count: 6, steps: 4, batch-size: 4 } }";

    private static Manifest.Manifest WriteManifest(EngineFixture fixture, string train = Synthetic)
    {
        var path = Path.Combine(fixture.Directory, "practise.yaml");
        File.WriteAllText(path, $"""
            model: {"{"} arch: resnet20_cifar, weights: teacher.safetensors, num-classes: 10, input: {"{"} channels: 1, size: {EngineFixture.Size}, mean: [0.5], std: [0.5] {"}"} {"}"}
            data:
              train: {train}
            budget: {"{"} blocks: 1 {"}"}
            latency: {"{"} threads: 1 {"}"}
            """);
        var manifest = ManifestLoader.Load(path);
        TorchRuntime.Configure(manifest);
        return manifest;
    }

    [Fact]
    public void The_same_settings_give_byte_identical_pngs_that_read_back_as_the_training_set()
    {
        using var fixture = new EngineFixture(images: 4);
        var manifest = WriteManifest(fixture);
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();

        var written = GeneratedSetFiles.Write(manifest, first.File("png"), SilentProgress.Instance, first.File("cache"));
        GeneratedSetFiles.Write(manifest, second.File("png"), SilentProgress.Instance, second.File("cache"));

        Assert.Equal(new[] { "000.png", "001.png", "002.png", "003.png", "004.png", "005.png" }, written.Files);
        foreach (var name in written.Files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.File("png"), name)), File.ReadAllBytes(Path.Combine(second.File("png"), name)));
        using var fromFiles = ImageSet.FromFiles(written.Files.Select(name => Path.Combine(first.File("png"), name)).ToList(), 1);
        using var inputs = CompressionInputs.Load(manifest, cacheDirectory: first.File("cache"));
        Assert.Equal(fromFiles.ContentHash(), inputs.DataHash);
        Assert.Equal(new long[] { 0, 1, 3, 5, 6, 8 }, inputs.Train.Labels!);
    }

    [Fact]
    public void A_cache_hit_skips_synthesis()
    {
        using var fixture = new EngineFixture(images: 4);
        var manifest = WriteManifest(fixture);
        using var cache = new TemporaryDirectory();
        var cold = new RecordingProgress();
        var warm = new RecordingProgress();

        using (var set = TinySetLoader.LoadTrain(manifest, Sets(fixture, cache.Path, cold)))
        using (var again = TinySetLoader.LoadTrain(manifest, Sets(fixture, cache.Path, warm)))
        {
            Assert.Equal(set.ContentHash(), again.ContentHash());
        }

        Assert.Equal(8, cold.Steps);
        Assert.Equal(0, warm.Steps);
        Assert.Contains("synthetic set found in the cache (6 images): nothing to synthesise", warm.Lines);
        Assert.Equal(2, new CacheStore(cache.Path).List(SynthesisKind.Name).Count);
    }

    [Fact]
    public void An_interrupted_synthesis_resumes_at_the_batch_it_was_in_and_gives_the_same_set()
    {
        using var fixture = new EngineFixture(images: 4);
        var manifest = WriteManifest(fixture);
        using var cache = new TemporaryDirectory();
        using var reference = new TemporaryDirectory();
        string expected;
        using (var set = TinySetLoader.LoadTrain(manifest, Sets(fixture, reference.Path, SilentProgress.Instance))) expected = set.ContentHash();
        var interrupted = new RecordingProgress(cancelAfterSteps: 6);

        Assert.Throws<OperationCanceledException>(() => TinySetLoader.LoadTrain(manifest, Sets(fixture, cache.Path, interrupted), interrupted.Cancellation));
        Assert.Single(new CacheStore(cache.Path).List(SynthesisKind.Name));

        var resumed = new RecordingProgress();
        using var completed = TinySetLoader.LoadTrain(manifest, Sets(fixture, cache.Path, resumed));
        Assert.Contains("synthesising 6 images from the teacher: 1 of 2 batches cached, 1 to go (4 steps each)", resumed.Lines);
        Assert.Equal(4, resumed.Steps);
        Assert.Equal(expected, completed.ContentHash());
    }

    /// <summary>The example's Fashion-MNIST teacher: its BatchNorm statistics are real, so synthesis can match them (9.3 → 0.8 in 30 steps).</summary>
    [Fact]
    public void Optimising_lowers_the_loss_of_a_trained_teacher()
    {
        using var teacher = TeacherLoader.Load("resnet32_cifar", Repository.File("examples/fashion-mnist/teacher.safetensors"), 10, 1);
        var input = new InputSettings(1, new ImageSize(28, 28), [0.2860], [0.3530]);
        double Loss(int steps)
        {
            using var inversion = new DeepInversion(teacher, new SyntheticSource(8, steps, 0, 0.25, 8, 0.01, 1e-4, 1e-5, 0.125), input, CPU);
            var batch = inversion.Run(0, [0, 1, 2, 3, 4, 5, 6, 7]);
            batch.Pixels.Dispose();
            return batch.Loss;
        }

        var (start, optimised) = (Loss(1), Loss(30));

        Assert.True(optimised < start * 0.5, $"30 steps: {optimised}, 1 step: {start}");
        Assert.True(teacher.parameters().All(parameter => parameter.requires_grad), "the teacher's parameters are handed back trainable");
    }

    [Fact]
    public void A_teacher_without_batchnorm_is_refused_naming_the_key()
    {
        using var fixture = new EngineFixture(images: 4);
        var manifest = WriteManifest(fixture);
        using var cache = new TemporaryDirectory();
        using var net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 10));
        var sets = new SyntheticSets(manifest.Model, net, "no-batchnorm", CPU, RunCache.Open(cache.Path, SilentProgress.Instance), SilentProgress.Instance);

        var error = Assert.Throws<PractiseException>(() => sets.Load((SyntheticSource)manifest.Data.Train));

        Assert.Equal(PipelineErrors.NoBatchNorm, error.Code);
        Assert.StartsWith("data.train.synthetic: resnet20_cifar", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Noise_is_seeded_and_centred_in_normalised_space()
    {
        using var fixture = new EngineFixture(images: 4);
        var manifest = WriteManifest(fixture, "{ noise: { count: 50, seed: 2 } }");
        var input = manifest.Model.Input;
        using var scope = NewDisposeScope();

        var noise = TinySetLoader.Noise(new NoiseSource(50, 2), input);
        var same = TinySetLoader.Noise(new NoiseSource(50, 2), input);
        var other = TinySetLoader.Noise(new NoiseSource(50, 3), input);

        Assert.Equal(new long[] { 50, 1, EngineFixture.Size, EngineFixture.Size }, noise.shape);
        Assert.Equal(noise.bytes.ToArray(), same.bytes.ToArray());
        Assert.NotEqual(noise.bytes.ToArray(), other.bytes.ToArray());
        // N(0, 1) at mean 0.5, std 0.5: pixels centred on 127.5, a third of them clamped.
        Assert.InRange(noise.to_type(float32).mean().ToDouble(), 120, 135);
        using var set = TinySetLoader.LoadTrain(manifest);
        Assert.Equal(50, set.Count);
        Assert.Null(set.Labels);
    }

    private static SyntheticSets Sets(EngineFixture fixture, string cacheDirectory, IProgressSink progress)
    {
        var manifest = ManifestLoader.Load(Path.Combine(fixture.Directory, "practise.yaml"));
        return new SyntheticSets(manifest.Model, fixture.Teacher, ModelHash.Compute(fixture.Teacher), CPU, RunCache.Open(cacheDirectory, progress), progress);
    }

    /// <summary>Records log lines and synthesis steps; cancels after a number of steps (as Ctrl+C would).</summary>
    private sealed class RecordingProgress(int cancelAfterSteps = int.MaxValue) : IProgressSink, IProgressPhase
    {
        private readonly CancellationTokenSource source = new();

        public CancellationToken Cancellation => source.Token;

        public List<string> Lines { get; } = [];

        public int Steps { get; private set; }

        public IProgressPhase Begin(string name, int total) => this;

        public void Log(string message) => Lines.Add(message);

        public void Advance(int steps = 1, string? detail = null)
        {
            Steps += steps;
            if (Steps >= cancelAfterSteps) source.Cancel();
        }

        public void Dispose() { }
    }
}
