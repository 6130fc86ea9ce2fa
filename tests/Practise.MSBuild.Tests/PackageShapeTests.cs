using System.Reflection;
using System.Text.Json;
using Microsoft.Build.Framework;
using Practise.Contract;
using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>The task stays light (no Torch in its dependency graph) and reads practise.json through the tool's own types.</summary>
public class PackageShapeTests
{
    [Fact]
    public void The_task_assembly_depends_on_the_manifest_reader_the_contract_and_nothing_native()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var deps = File.ReadAllText(Repository.File($"src/Practise.MSBuild/bin/{configuration}/net10.0/Practise.MSBuild.deps.json"));
        using var document = JsonDocument.Parse(deps);
        var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();

        Assert.Contains("Practise.Manifest", libraries);
        Assert.Contains("Practise.Contract", libraries);
        Assert.DoesNotContain(libraries, name => name is "Practise.Core" or "Practise.Cli" || name.StartsWith("TorchSharp", StringComparison.Ordinal) || name.StartsWith("libtorch", StringComparison.Ordinal));
        Assert.DoesNotContain("LibTorchSharp", deps, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Outputs => typeof(PractiseCompress).GetProperties()
        .Where(property => property.DeclaringType == typeof(PractiseCompress) && property.GetCustomAttribute<OutputAttribute>() is not null)
        .Select(property => property.Name);

    [Fact]
    public void Every_task_output_is_the_model_item_or_a_model_metadata_of_the_same_name()
    {
        Assert.Contains(nameof(PractiseCompress.CompressedModel), Outputs);
        Assert.All(Outputs.Where(name => name != nameof(PractiseCompress.CompressedModel)),
            name => Assert.True(ReportFields.ModelMetadata.ContainsKey(name), $"[Output] {name} has no CompressedModel metadata of that name"));
    }

    [Fact]
    public void Practise_json_as_the_tool_writes_it_reads_back_into_the_same_report()
    {
        var written = PractiseJson.Serialize(SampleReport.Create("/out/model.safetensors"));
        Assert.Equal(written, PractiseJson.Serialize(PractiseJson.Parse(written)));
    }

    [Fact]
    public void The_docs_list_every_output_and_property()
    {
        var docs = File.ReadAllText(Repository.File("docs/msbuild.md"));
        var targets = File.ReadAllText(Repository.File("src/Practise.MSBuild/build/Practise.MSBuild.targets"));
        var properties = System.Text.RegularExpressions.Regex.Matches(targets, @"<(Practise\w+|DisablePractiseCompress) Condition")
            .Select(match => match.Groups[1].Value).Distinct();
        foreach (var name in properties.Concat(Outputs).Concat(ReportFields.ModelMetadata.Keys))
        {
            Assert.Contains($"`{name}`", docs, StringComparison.Ordinal);
        }
    }
}
