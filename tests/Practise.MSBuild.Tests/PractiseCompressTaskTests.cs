using System.Text.Json.Nodes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Practise.Contract;
using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>The compress task against a fake engine and a shell-script tool: arguments, log lines, errors, practise.json.</summary>
public sealed class PractiseCompressTaskTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();
    private readonly FakeBuildEngine engine = new();

    public void Dispose() => directory.Dispose();

    private PractiseCompress Task(FakeTool tool, string? outputDir = null, string cacheDir = "", string device = "")
    {
        var manifest = new TaskItem(directory.File("practise.yaml"));
        manifest.SetMetadata("OutputDir", outputDir ?? "");
        manifest.SetMetadata("CacheDir", cacheDir);
        manifest.SetMetadata("Device", device);
        return new PractiseCompress { BuildEngine = engine, Manifest = manifest, ToolCommand = tool.Command, WorkingDirectory = directory.Path };
    }

    private string WriteReport(string folder)
    {
        var output = Directory.CreateDirectory(directory.File(folder)).FullName;
        File.WriteAllText(Path.Combine(output, "practise.json"), PractiseJson.Serialize(SampleReport.Create(Path.Combine(output, "model.safetensors"))));
        return output;
    }

    [Fact]
    public void The_tool_gets_compress_the_manifest_and_every_option_with_paths_containing_spaces_intact()
    {
        var tool = new FakeTool(directory, [], []);
        var output = WriteReport("my out");
        var task = Task(tool, output, cacheDir: "/ci/cache dir", device: "cuda");

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(["compress", directory.File("practise.yaml"), "--output", output, "--cache-dir", "/ci/cache dir", "--device", "cuda"], tool.Arguments);
    }

    [Fact]
    public void Options_left_empty_are_left_to_the_manifest()
    {
        var tool = new FakeTool(directory, [], []);
        Assert.True(Task(tool).Execute(), engine.Log);
        Assert.Equal(["compress", directory.File("practise.yaml")], tool.Arguments);
    }

    [Fact]
    public void Dotnet_is_the_host_running_the_build_and_other_programs_come_from_path()
    {
        var host = directory.Write("dotnet-host", []);
        var environment = new Dictionary<string, string?> { ["DOTNET_HOST_PATH"] = host, ["PATH"] = "/usr/bin:/bin" };
        Assert.Equal(host, ToolCommand.Parse("dotnet tool run practise").ResolveProgram(name => environment.GetValueOrDefault(name)));
        Assert.Equal("/bin/sh", ToolCommand.Parse("sh x.sh").ResolveProgram(name => name == "PATH" ? "/bin" : null));
        Assert.Equal(["exec", "/opt/my tools/Practise.Cli.dll"], ToolCommand.Parse("dotnet exec \"/opt/my tools/Practise.Cli.dll\"").Arguments);
    }

    [Fact]
    public void Progress_lines_are_logged_at_normal_importance_and_the_summary_at_high()
    {
        var tool = new FakeTool(directory, ["dropped 3 blocks: layer1.0"], ["[12:00:01] recoverability layer3.2: 500/1000"]);
        Assert.True(Task(tool).Execute(), engine.Log);

        Assert.Contains(engine.Messages, message => message.Message == "[12:00:01] recoverability layer3.2: 500/1000" && message.Importance == MessageImportance.Normal);
        Assert.Contains(engine.Messages, message => message.Message == "dropped 3 blocks: layer1.0" && message.Importance == MessageImportance.High);
    }

    [Fact]
    public void Tool_errors_in_canonical_form_become_msbuild_errors_with_code_file_and_line_and_nothing_else()
    {
        var manifest = directory.File("practise.yaml");
        var tool = new FakeTool(directory, [], [
            $"{manifest}(12,5): error PRAC1004: budget.blocks: must be at least 1 (set a positive count)",
            "practise: error PRAC0003: weights not found: /x/teacher.safetensors",
        ], exitCode: 2);

        Assert.False(Task(tool).Execute());

        Assert.Collection(engine.Errors,
            error =>
            {
                Assert.Equal("PRAC1004", error.Code);
                Assert.Equal(manifest, error.File);
                Assert.Equal((12, 5), (error.LineNumber, error.ColumnNumber));
                Assert.Equal("budget.blocks: must be at least 1 (set a positive count)", error.Message);
            },
            error =>
            {
                Assert.Equal("PRAC0003", error.Code);
                Assert.Equal("weights not found: /x/teacher.safetensors", error.Message);
            });
    }

    [Fact]
    public void Manifest_warnings_become_msbuild_warnings_at_their_line_and_the_build_goes_on()
    {
        var manifest = directory.File("practise.yaml");
        var tool = new FakeTool(directory, [], [
            $"{manifest}(9,13): warning PRAC1012: recoverability.strategy: incremental is deprecated (write shared-prefix)",
        ]);

        Assert.True(Task(tool).Execute(), engine.Log);

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("PRAC1012", manifest, 9, 13), (warning.Code, warning.File, warning.LineNumber, warning.ColumnNumber));
        Assert.Equal("recoverability.strategy: incremental is deprecated (write shared-prefix)", warning.Message);
        Assert.Empty(engine.Errors);
    }

    [Fact]
    public void A_failure_without_an_error_line_still_fails_the_build_with_the_exit_code()
    {
        var tool = new FakeTool(directory, [], ["Segmentation fault"], exitCode: 139);
        Assert.False(Task(tool).Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MSB6006", error.Code);
        Assert.Contains("139", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_success_the_outputs_come_from_practise_json()
    {
        var output = WriteReport("out");
        var task = Task(new FakeTool(directory, [], []), output);

        Assert.True(task.Execute(), engine.Log);

        Assert.Equal(Path.Combine(output, "model.safetensors"), task.CompressedModel!.ItemSpec);
        Assert.Equal("abc123", task.CompressedModel.GetMetadata("Sha256"));
        Assert.Equal("resnet20_cifar", task.CompressedModel.GetMetadata("Arch"));
        Assert.Equal("layer1.0;layer3.2", task.CompressedModel.GetMetadata("DroppedBlocks"));
        Assert.Equal(Path.Combine(output, "model.onnx"), task.OnnxModel);
        Assert.Equal(task.OnnxModel, task.CompressedModel.GetMetadata("OnnxModel"));
        Assert.Equal("12.5", task.LatencyBeforeMs);
        Assert.Equal("8.25", task.LatencyAfterMs);
        Assert.Equal("0.34", task.LatencyReduction);
        Assert.Equal("0.91", task.Top1After);
        Assert.Equal("9.8.7", task.ToolVersion);
        Assert.Equal("9.8.7", task.CompressedModel.GetMetadata("ToolVersion"));
        Assert.Equal(["layer1.0", "layer3.2"], task.DroppedBlocks.Select(item => item.ItemSpec));
    }

    [Fact]
    public void A_success_without_a_readable_practise_json_is_an_error_naming_the_file()
    {
        var output = Directory.CreateDirectory(directory.File("empty")).FullName;
        Assert.False(Task(new FakeTool(directory, [], []), output).Execute());
        Assert.Equal(Path.Combine(output, "practise.json"), Assert.Single(engine.Errors).File);
    }

    [Fact]
    public void A_practise_json_missing_a_field_fails_with_PRAC0006_naming_the_field()
    {
        var output = WriteReport("partial");
        var path = Path.Combine(output, "practise.json");
        var report = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        report.Remove("model_sha256");
        File.WriteAllText(path, report.ToJsonString());

        Assert.False(Task(new FakeTool(directory, [], []), output).Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("PRAC0006", path), (error.Code, error.File));
        Assert.Contains("model_sha256", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>A CompressionReport as the tool writes it, so the task is tested against the real field names.</summary>
internal static class SampleReport
{
    public static CompressionReport Create(string model) => new()
    {
        ToolVersion = "9.8.7",
        Arch = "resnet20_cifar",
        Inputs = new ReportInputs("practise.yaml", "m", "d", 16, 3),
        Criterion = "practise",
        Budget = "blocks: 2",
        Device = "cpu",
        Blocks = [new ReportBlock("layer1.0", 0.1, true, 0.5, 5, 1, true, false)],
        DroppedBlocks = ["layer1.0", "layer3.2"],
        Latency = new ReportLatency(12.5, 12, 13, 8.25, 8, 9, 0.34, 2, 1, "cpu", false),
        LatencyCurve = [new ReportCurvePoint(0, [], 12.5, 12, 13), new ReportCurvePoint(2, ["layer1.0", "layer3.2"], 8.25, 8, 9)],
        Accuracy = new ReportAccuracy(0.95, 0.5, 0.91, 0.99, 24),
        ModelPath = model,
        OnnxModelPath = Path.Combine(Path.GetDirectoryName(model) ?? ".", ArtifactNames.Onnx),
        ModelSha256 = "abc123",
        PhaseSeconds = new Dictionary<string, double> { ["load"] = 0.1 },
    };
}
