using System.Text.Json;
using System.Xml.Linq;
using Practise.Contract;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>Files that must follow the code: the build's version, the tool manifest's pinned version and the CLI reference.</summary>
public class RepositoryDriftTests
{
    [Fact]
    public void The_tool_version_is_the_builds_version_property()
    {
        var props = XDocument.Load(Repository.File("Directory.Build.props"));
        var version = Assert.Single(props.Descendants("Version")).Value;
        Assert.Equal(version, PractiseTool.Version);
        // Cache keys name the tool version first, so entries written under this version keep their keys.
        Assert.StartsWith($"{version}; TorchSharp ", Core.Pipeline.EngineIdentity.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_manifest_pins_this_version_of_the_practise_command()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Repository.File(".config/dotnet-tools.json")));
        var tool = manifest.RootElement.GetProperty("tools").GetProperty("practise.tool");
        Assert.Equal(PractiseTool.Version, tool.GetProperty("version").GetString());
        Assert.Equal(["practise"], tool.GetProperty("commands").EnumerateArray().Select(command => command.GetString()));
    }

    [Fact]
    public void Cli_reference_lists_every_exit_code_and_error_code()
    {
        var docs = File.ReadAllText(Repository.File("docs/cli.md"));
        foreach (var exitCode in Enum.GetValues<ExitCodes>())
        {
            Assert.Contains($"| {(int)exitCode} | `{exitCode}` |", docs, StringComparison.Ordinal);
        }
        foreach (var field in typeof(CliErrors).GetFields())
        {
            Assert.Contains($"| `{field.GetValue(null)}` |", docs, StringComparison.Ordinal);
        }
    }
}
