using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>The target's Inputs: what the manifest reads, found with the tool's own reader and glob expansion.</summary>
public sealed class ResolveInputsTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();
    private readonly FakeBuildEngine engine = new();

    public void Dispose() => directory.Dispose();

    private string WriteManifest(string train, string extra = "")
    {
        var path = directory.File("practise.yaml");
        File.WriteAllText(path, $"""
            version: 1
            model: {"{"} arch: resnet20_cifar, weights: teacher.safetensors, num-classes: 10 {"}"}
            data:
              train: {train}
            budget: {"{"} blocks: 2 {"}"}
            output: {"{"} dir: out {"}"}
            {extra}
            """);
        return path;
    }

    private ResolvePractiseInputs Resolve(params ITaskItem[] manifests)
    {
        var task = new ResolvePractiseInputs
        {
            BuildEngine = engine,
            Manifests = manifests,
            ToolCommand = "dotnet tool run practise",
            ToolVersion = "9.9.9",
            IntermediateDirectory = directory.File("obj/practise"),
            ProjectDirectory = directory.Path,
        };
        Assert.True(task.Execute(), engine.Log);
        return task;
    }

    private string Image(string relative)
    {
        var path = directory.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1]);
        return path;
    }

    [Fact]
    public void Inputs_are_the_manifest_the_weights_and_the_images_its_globs_match()
    {
        var manifest = WriteManifest("[\"images/**/*.png\"]");
        var images = new[] { Image("images/b/2.png"), Image("images/a/1.png") };
        Image("images/README.txt");

        var task = Resolve(new TaskItem("practise.yaml"));

        var resolved = Assert.Single(task.ResolvedManifests);
        Assert.Equal(manifest, resolved.ItemSpec);
        Assert.Equal(directory.File("out"), resolved.GetMetadata("OutputDir"));
        Assert.Equal(Path.Combine(directory.File("out"), "model.safetensors"), resolved.GetMetadata("ModelFile"));
        var inputs = task.Inputs.Where(input => input.GetMetadata("Role") is "Manifest" or "Data").Select(input => input.ItemSpec);
        Assert.Equal([manifest, directory.File("teacher.safetensors"), images[1], images[0]], inputs);
        Assert.All(task.Inputs, input => Assert.Equal(resolved.GetMetadata("StampFile"), input.GetMetadata("StampFile")));
    }

    [Fact]
    public void Item_metadata_override_the_output_and_reach_the_settings_file()
    {
        WriteManifest("{ idx: { images: train.idx } }");
        var item = new TaskItem("practise.yaml");
        item.SetMetadata("OutputDir", "artifacts/model");
        item.SetMetadata("Device", "cuda");

        var resolved = Assert.Single(Resolve(item).ResolvedManifests);

        Assert.Equal(directory.File("artifacts/model"), resolved.GetMetadata("OutputDir"));
        var settings = File.ReadAllText(resolved.GetMetadata("SettingsFile"));
        Assert.Contains($"--output {directory.File("artifacts/model")}", settings, StringComparison.Ordinal);
        Assert.Contains("--device cuda", settings, StringComparison.Ordinal);
        Assert.Contains("tool-version: 9.9.9", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_file_is_rewritten_only_when_the_command_or_the_matched_files_change()
    {
        WriteManifest("[\"images/*.png\"]");
        Image("images/1.png");
        var settings = Assert.Single(Resolve(new TaskItem("practise.yaml")).ResolvedManifests).GetMetadata("SettingsFile");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(settings, old);

        Resolve(new TaskItem("practise.yaml"));
        Assert.Equal(old, File.GetLastWriteTimeUtc(settings));

        // A new image copied in with an old timestamp would not look newer than the stamp; the file list does change.
        File.SetLastWriteTimeUtc(Image("images/2.png"), old);
        Resolve(new TaskItem("practise.yaml"));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(settings));
    }

    [Fact]
    public void A_manifest_it_cannot_read_is_left_to_the_tool_to_report()
    {
        var manifest = directory.File("practise.yaml");
        File.WriteAllText(manifest, "version: 1\nmodel: [oops\n");

        var task = Resolve(new TaskItem(manifest));

        Assert.Empty(engine.Errors);
        Assert.Equal(["Manifest", "Settings"], task.Inputs.Select(input => input.GetMetadata("Role")));
        Assert.Equal("", Assert.Single(task.ResolvedManifests).GetMetadata("OutputDir"));
    }

    [Fact]
    public void The_pinned_tool_version_comes_from_the_nearest_tool_manifest()
    {
        Directory.CreateDirectory(directory.File(".config"));
        File.WriteAllText(directory.File(".config/dotnet-tools.json"),
            """{ "version": 1, "isRoot": true, "tools": { "practise.tool": { "version": "1.2.3", "commands": ["practise"] } } }""");
        var nested = Directory.CreateDirectory(directory.File("src/model")).FullName;

        var manifest = ToolVersion.FindToolManifest(nested);

        Assert.Equal(directory.File(".config/dotnet-tools.json"), manifest);
        Assert.Equal("1.2.3", ToolVersion.Pinned(manifest!));
    }
}
