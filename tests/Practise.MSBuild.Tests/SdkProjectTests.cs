using System.Text.Json;
using System.Text.RegularExpressions;
using Practise.Contract;
using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>
/// A fresh SDK project consuming the packed Practise.MSBuild and Practise.Tool from a local feed, built with
/// `dotnet build` as a user would. Few and slow on purpose: each build costs seconds.
/// </summary>
[Collection(ConsumerFeedCollection.Name)]
[Trait("Category", "Slow")]
public sealed partial class SdkProjectTests(ConsumerFeed feed)
{
    private const string SkippedLine = "Skipping target \"PractiseCompress\" because all output files are up-to-date";

    private string CreateProject(string name, string budget, string extraYaml = "")
    {
        var project = Directory.CreateDirectory(Path.Combine(feed.Root, name)).FullName;
        File.WriteAllText(Path.Combine(project, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PractiseCopyToOutput>true</PractiseCopyToOutput>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Practise.MSBuild" Version="{ConsumerFeed.Version}" PrivateAssets="all" />
                <PractiseCompress Include="practise.yaml" CacheDir="cache" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Model.cs"), $"namespace {name};\npublic static class Model {{ }}\n");
        WriteManifest(project, budget, extraYaml);
        return project;
    }

    private void WriteManifest(string project, string budget, string extraYaml = "") =>
        File.WriteAllText(Path.Combine(project, "practise.yaml"),
            TinyManifest.Yaml(feed.Weights, feed.Images, feed.Labels, ConsumerFeed.ImageSize, budget, extra: extraYaml));

    private static JsonElement Report(string project) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "out", "practise.json"))).RootElement;

    [Fact]
    public void Builds_compress_once_skip_when_nothing_changed_and_reuse_cached_scores_when_the_budget_changes()
    {
        var project = CreateProject("Consumer", "blocks: 3");

        var first = feed.Build(project);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("dropped 3 blocks", first.Output, StringComparison.Ordinal);
        Assert.All(Report(project).GetProperty("blocks").EnumerateArray(), block => Assert.False(block.GetProperty("cache_hit").GetBoolean()));
        // The packed tool reports the version its packages carry (ToolPackageTests reads it from their nuspecs).
        Assert.Equal(PractiseTool.Version, Report(project).GetProperty("tool_version").GetString());
        Assert.True(File.Exists(Path.Combine(project, "bin/Release/net10.0/practise/model.safetensors")), "copied to the output folder");
        Assert.True(File.Exists(Path.Combine(project, "bin/Release/net10.0/practise/model.onnx")), "model.onnx copied to the output folder");
        Assert.Equal(Path.GetFullPath(Path.Combine(project, "out", ArtifactNames.Onnx)), Path.GetFullPath(Report(project).GetProperty("onnx_model").GetString()!));
        Assert.Contains("Practise.MSBuild.dll", string.Join("\n", feed.PackageFiles()), StringComparison.Ordinal);
        Assert.Contains("tasks/net10.0/Practise.Contract.dll", feed.PackageFiles());
        Assert.DoesNotContain(feed.PackageFiles(), file => file.Contains("Torch", StringComparison.Ordinal) || file.Contains("Practise.Core", StringComparison.Ordinal));

        var second = feed.Build(project);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains(SkippedLine, second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dropped 3 blocks", second.Output, StringComparison.Ordinal);
        Assert.True(second.Elapsed < first.Elapsed, $"second build {second.Elapsed.TotalSeconds:F1} s, first {first.Elapsed.TotalSeconds:F1} s");

        WriteManifest(project, "blocks: 2");
        var third = feed.Build(project);
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain(SkippedLine, third.Output, StringComparison.Ordinal);
        Assert.Contains("dropped 2 blocks", third.Output, StringComparison.Ordinal);
        Assert.All(Report(project).GetProperty("blocks").EnumerateArray(), block => Assert.True(block.GetProperty("cache_hit").GetBoolean(), block.ToString()));
    }

    [Fact]
    public void A_bad_manifest_fails_the_build_with_a_practise_code_at_the_manifest_line()
    {
        var project = CreateProject("Broken", "blocks: 2", "budgett: { blocks: 2 }");

        var build = feed.Build(project);

        Assert.NotEqual(0, build.ExitCode);
        var manifest = Regex.Escape(Path.Combine(project, "practise.yaml"));
        Assert.Matches(new Regex($@"{manifest}\(17,1\): error PRAC1\d{{3}}: budgett"), build.Output);
    }
}
