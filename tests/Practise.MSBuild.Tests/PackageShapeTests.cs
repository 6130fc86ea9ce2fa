using System.Reflection;
using System.Text.Json;
using Microsoft.Build.Framework;
using Practise.Core.Pipeline;
using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>The task stays light (no Torch in its dependency graph) and its outputs track practise.json's fields.</summary>
public class PackageShapeTests
{
    [Fact]
    public void The_task_assembly_depends_on_the_manifest_reader_and_nothing_native()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var deps = File.ReadAllText(Repository.File($"src/Practise.MSBuild/bin/{configuration}/net10.0/Practise.MSBuild.deps.json"));
        using var document = JsonDocument.Parse(deps);
        var libraries = document.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();

        Assert.Contains("Practise.Manifest", libraries);
        Assert.DoesNotContain(libraries, name => name is "Practise.Core" or "Practise.Cli" || name.StartsWith("TorchSharp", StringComparison.Ordinal) || name.StartsWith("libtorch", StringComparison.Ordinal));
        Assert.DoesNotContain("LibTorchSharp", deps, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_task_output_names_a_practise_json_field_that_exists()
    {
        var outputs = typeof(PractiseCompress).GetProperties()
            .Where(property => property.DeclaringType == typeof(PractiseCompress) && property.GetCustomAttribute<OutputAttribute>() is not null)
            .Select(property => property.Name);
        Assert.Equal(outputs.Order(), ReportFields.ByOutput.Keys.Order());

        using var report = JsonDocument.Parse(JsonSerializer.Serialize(SampleReport.Create("model.safetensors")));
        foreach (var field in ReportFields.ByOutput.Values.Concat(ReportFields.ModelMetadata.Values))
        {
            var element = report.RootElement;
            foreach (var part in field.Split('.'))
            {
                Assert.True(element.TryGetProperty(part, out element), $"practise.json has no '{field}'");
            }
        }
    }

    [Fact]
    public void The_docs_list_every_output_and_property()
    {
        var docs = File.ReadAllText(Repository.File("docs/msbuild.md"));
        var targets = File.ReadAllText(Repository.File("src/Practise.MSBuild/build/Practise.MSBuild.targets"));
        var properties = System.Text.RegularExpressions.Regex.Matches(targets, @"<(Practise\w+|DisablePractiseCompress) Condition")
            .Select(match => match.Groups[1].Value).Distinct();
        foreach (var name in properties.Concat(ReportFields.ByOutput.Keys).Concat(ReportFields.ModelMetadata.Keys))
        {
            Assert.Contains($"`{name}`", docs, StringComparison.Ordinal);
        }
    }
}
