using Practise.Core.Models;
using Practise.Testing;

namespace Practise.Cli.Tests;

public class EvalTests(EvalFixture fixture) : IClassFixture<EvalFixture>
{
    [Fact]
    public async Task Json_reports_the_accuracy_Inference_Evaluate_gives()
    {
        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        var expected = Inference.Evaluate(fixture.Teacher, fixture.Inputs, fixture.Labels);
        var json = run.Json;
        Assert.Equal(["top1", "top5", "images"], json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(50.0, json.GetProperty("top1").GetDouble());
        Assert.Equal(expected.Top1 * 100, json.GetProperty("top1").GetDouble());
        Assert.Equal(expected.Top5 * 100, json.GetProperty("top5").GetDouble());
        Assert.Equal(EvalFixture.Images, json.GetProperty("images").GetInt64());
    }

    [Fact]
    public async Task Text_names_the_model_and_the_percentages()
    {
        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Contains("top-1 50.00%", run.Out, StringComparison.Ordinal);
        Assert.Contains($"({EvalFixture.Images} images)", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Progress_goes_to_stderr_as_plain_lines_when_not_a_terminal()
    {
        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--json");

        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] eval: 20/20 in \d+\.\ds$", run.ErrorLines.Single());
    }

    [Fact]
    public async Task A_compressed_model_folder_is_evaluated_instead_of_the_teacher()
    {
        using var pruned = BlockSurgery.Prune(fixture.Teacher, ["layer3.2", "layer2.1"]);
        var folder = fixture.File("compressed");
        PrunedModelFiles.Save(pruned, folder, EvalFixture.Input);

        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", folder, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        var expected = Inference.Evaluate(pruned, fixture.Inputs, fixture.Labels);
        Assert.Equal(expected.Top1 * 100, run.Json.GetProperty("top1").GetDouble());
        Assert.Equal(expected.Top5 * 100, run.Json.GetProperty("top5").GetDouble());
    }

    [Fact]
    public async Task The_exported_model_in_onnxruntime_scores_what_libtorch_scores()
    {
        using var pruned = BlockSurgery.Prune(fixture.Teacher, ["layer1.2", "layer3.1"]);
        var folder = fixture.File("compressed-onnx");
        PrunedModelFiles.Save(pruned, folder, EvalFixture.Input);

        var libtorch = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", folder, "--json");
        var onnxruntime = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", folder, "--runtime", "onnxruntime", "--json");

        Assert.True(onnxruntime.Exit == ExitCodes.Ok, onnxruntime.ToString());
        Assert.Equal(libtorch.Json.GetProperty("top1").GetDouble(), onnxruntime.Json.GetProperty("top1").GetDouble());
        Assert.Equal(libtorch.Json.GetProperty("top5").GetDouble(), onnxruntime.Json.GetProperty("top5").GetDouble());
        // The labels agree with the teacher on half the images, so a pruned model scoring them is no accident of 0 or 100.
        Assert.InRange(onnxruntime.Json.GetProperty("top1").GetDouble(), 1, 99);
    }

    [Fact]
    public async Task A_folder_without_model_onnx_names_the_file_and_the_fix()
    {
        using var pruned = BlockSurgery.Prune(fixture.Teacher, ["layer2.2"]);
        var folder = fixture.File("compressed-no-onnx");
        PrunedModelFiles.Save(pruned, folder, EvalFixture.Input);
        File.Delete(Path.Combine(folder, "model.onnx"));

        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", folder, "--runtime", "onnxruntime");

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.Contains("model.onnx", run.Error, StringComparison.Ordinal);
        Assert.Contains("re-run compress", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_evaluates_the_first_images_only()
    {
        var manifest = fixture.WriteManifest("limited.yaml", EvalFixture.Eval + "\n    limit: 8");

        var run = await CliRun.Invoke("eval", manifest, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        Assert.Equal(8, run.Json.GetProperty("images").GetInt64());
        Assert.Equal(100.0, run.Json.GetProperty("top1").GetDouble());
    }

    [Fact]
    public async Task A_manifest_without_eval_data_is_an_input_error()
    {
        var manifest = fixture.WriteManifest("no-eval.yaml", "");

        var run = await CliRun.Invoke("eval", manifest);

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.StartsWith($"practise: error PRAC0007: {manifest}: data.eval is not set", run.ErrorLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_folder_is_an_input_error()
    {
        var run = await CliRun.Invoke("eval", fixture.ManifestPath, "--model", fixture.File("absent"));

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.Equal([$"practise: error PRAC0003: model file not found: {fixture.File("absent/model.json")}"], run.ErrorLines);
    }

    [Fact]
    public async Task An_image_folder_named_by_class_index_gives_the_same_accuracy_as_the_IDX_pair()
    {
        for (var row = 0; row < EvalFixture.Images; row++)
        {
            var folder = Directory.CreateDirectory(fixture.File($"val/{fixture.LabelValues[row]}")).FullName;
            PngWriter.WriteGrey(Path.Combine(folder, $"image{row:D2}.png"), fixture.Pixels[(row * 256)..((row + 1) * 256)], 16);
        }
        var manifest = fixture.WriteManifest("folder.yaml", "  eval:\n    folder: val");

        var run = await CliRun.Invoke("eval", manifest, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        Assert.Equal(50.0, run.Json.GetProperty("top1").GetDouble());
        Assert.Equal(EvalFixture.Images, run.Json.GetProperty("images").GetInt64());
    }
}
