using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>Every command loads the manifest's model through one loader, so weights that do not fit fail alike everywhere.</summary>
public class WeightLoadingTests(EvalFixture fixture) : IClassFixture<EvalFixture>
{
    [Theory]
    [InlineData("score")]
    [InlineData("compress")]
    [InlineData("eval")]
    [InlineData("latency")]
    public async Task Weights_that_do_not_fit_fail_with_PRAC0005_naming_the_file_and_the_keys(string command)
    {
        var weights = fixture.File($"seven-classes-{command}.safetensors");
        using (var model = ModelZoo.Create("resnet20_cifar", numClasses: 7, inChannels: 1))
        {
            Safetensors.Save(weights, model.state_dict());
        }
        var manifest = fixture.File($"mismatch-{command}.yaml");
        File.WriteAllText(manifest, TinyManifest.Yaml(weights, "images.idx", "labels.idx", 16, "blocks: 1", withEval: true));

        var run = await CliRun.Invoke(command, manifest, "--quiet");

        Assert.True(run.Exit == ExitCodes.InputError, run.ToString());
        var line = Assert.Single(run.ErrorLines, line => line.StartsWith("practise: error PRAC0005: ", StringComparison.Ordinal));
        Assert.Contains($"{weights} does not fit resnet20_cifar with 10 classes and 1 input channels", line, StringComparison.Ordinal);
        Assert.Contains("fc.weight", run.Error, StringComparison.Ordinal);
    }
}
