using System.Text.Json;
using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Cli.Tests;

/// <summary>
/// The example's consumer project (examples/fashion-mnist/FashionMnist.Compressed), built as a user builds it but
/// without running a compression, classifies the fixture's images with a compressed model's model.onnx in ONNX
/// Runtime: the same predictions as libtorch, and the accuracy `practise eval --runtime onnxruntime` reports.
/// </summary>
public class ExampleConsumerTests(EvalFixture fixture) : IClassFixture<EvalFixture>
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_example_consumer_predicts_in_onnxruntime_what_practise_eval_scores()
    {
        using var pruned = BlockSurgery.Prune(fixture.Teacher, ["layer1.1", "layer2.2", "layer3.2"]);
        var folder = fixture.File("consumer-model");
        PrunedModelFiles.Save(pruned, folder, EvalFixture.Input);
        var consumer = fixture.File("consumer-bin");
        // Practise.MSBuild comes from artifacts/feed, which ./build.sh build fills before the tests run.
        var build = Dotnet.Run(Repository.Root, NoEnvironment, "build", Repository.File("examples/fashion-mnist/FashionMnist.Compressed"), "-c", "Release",
            "-p:DisablePractiseCompress=true", "-o", consumer, "-nodeReuse:false", "-nologo", "-v:q");
        Assert.True(build.ExitCode == 0, $"building the example consumer failed (run ./build.sh build first for artifacts/feed):\n{build}");

        var run = Dotnet.Run(fixture.Directory, NoEnvironment, Path.Combine(consumer, "FashionMnist.Compressed.dll"), "--model", folder,
            "--images", fixture.File("images.idx"), "--labels", fixture.File("labels.idx"), "--count", $"{EvalFixture.Images}", "--json");
        var eval = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", folder, "--runtime", "onnxruntime", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = JsonDocument.Parse(run.Output).RootElement;
        using var logits = Inference.Predict(pruned, fixture.Inputs);
        using var argmax = logits.argmax(1);
        Assert.Equal(argmax.data<long>().ToArray().Select(label => (int)label), result.GetProperty("predictions").EnumerateArray().Select(label => label.GetInt32()));
        Assert.Equal(eval.Json.GetProperty("top1").GetDouble(), 100.0 * result.GetProperty("correct").GetInt32() / EvalFixture.Images, precision: 9);
    }
}
