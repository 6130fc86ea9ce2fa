using System.Text.RegularExpressions;
using Practise.Testing;

namespace Practise.Cli.Tests;

public class ManifestErrorTests
{
    [Fact]
    public async Task Manifest_errors_use_MSBuild_canonical_form_with_line_and_column()
    {
        using var directory = new TemporaryDirectory();
        var manifest = directory.File("practise.yaml");
        File.WriteAllText(manifest, """
            model:
              arch: resnet20_cifar
              weights: teacher.safetensors
            data:
              train: ["*.png"]
            budjet:
              blocks: 1
            """);

        var run = await CliRun.Invoke("eval", manifest);

        Assert.Equal(ExitCodes.InvalidManifest, run.Exit);
        Assert.Empty(run.Out);
        var pattern = new Regex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): error (?<code>PRAC1\d{3}): ");
        Assert.All(run.ErrorLines, line => Assert.Matches(pattern, line));
        var unknownKey = run.ErrorLines.Select(line => pattern.Match(line)).Single(match => match.Groups["code"].Value == "PRAC1002");
        Assert.Equal((manifest, "6", "1"), (unknownKey.Groups["file"].Value, unknownKey.Groups["line"].Value, unknownKey.Groups["column"].Value));
        Assert.Contains(run.ErrorLines, line => line.Contains("error PRAC1009: model.weights", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deprecated_spelling_is_a_canonical_warning_even_when_quiet_and_the_command_still_runs()
    {
        using var directory = new TemporaryDirectory();
        var manifest = directory.File("practise.yaml");
        File.WriteAllText(manifest, """
            model:
              arch: resnet20_cifar
              weights: teacher.safetensors
            data:
              train: ["*.png"]
            budget:
              blocks: 1
            recoverability:
              strategy: incremental
            """);

        var run = await CliRun.Invoke("cache", "list", manifest, "--quiet");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal($"{manifest}(9,13): warning PRAC1012: recoverability.strategy: 'incremental' is deprecated: it is read as 'shared-prefix' (write 'shared-prefix')",
            run.ErrorLines.Single());
    }

    [Fact]
    public async Task A_missing_manifest_is_an_input_error_naming_the_file()
    {
        using var directory = new TemporaryDirectory();
        var manifest = directory.File("practise.yaml");

        var run = await CliRun.Invoke("eval", manifest);

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.StartsWith($"{manifest}: error PRAC1000: manifest not found", run.ErrorLines.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yaml_syntax_errors_point_at_the_line()
    {
        using var directory = new TemporaryDirectory();
        var manifest = directory.File("practise.yaml");
        File.WriteAllText(manifest, "model:\n  arch: [resnet20_cifar\n");

        var run = await CliRun.Invoke("cache", "list", manifest);

        Assert.Equal(ExitCodes.InvalidManifest, run.Exit);
        Assert.Matches(@"^.+practise\.yaml\(\d+,\d+\): error PRAC1001: invalid YAML", run.ErrorLines.Single());
    }
}
