using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Testing;

namespace Practise.Cli.Tests;

public class InspectTests
{
    [Fact]
    public async Task Text_lists_every_droppable_block_with_totals()
    {
        var run = await CliRun.Invoke("inspect", "--arch", "resnet20_cifar");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Empty(run.Error);
        var description = ModelZoo.Describe("resnet20_cifar");
        Assert.StartsWith("resnet20_cifar: 3×32×32 input, 10 classes", run.Out, StringComparison.Ordinal);
        Assert.Contains($"parameters     {description.Parameters:N0}", run.Out, StringComparison.Ordinal);
        foreach (var block in description.DroppableBlocks.Concat(description.OptionalDroppableBlocks))
        {
            Assert.Contains($"\n  {block} ", run.Out, StringComparison.Ordinal);
        }
        Assert.Contains($"{description.DroppableBlocks.Count} droppable blocks", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_carries_exact_counts_from_Describe()
    {
        var run = await CliRun.Invoke("inspect", "--arch", "resnet20_cifar", "--size", "16", "--json");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        var description = ModelZoo.Describe("resnet20_cifar", imageSize: 16);
        var json = run.Json;
        Assert.Equal("resnet20_cifar", json.GetProperty("arch").GetString());
        Assert.Equal(16, json.GetProperty("image_size").GetInt64());
        Assert.Equal(description.Parameters, json.GetProperty("parameters").GetInt64());
        Assert.Equal(description.MultiplyAdds, json.GetProperty("multiply_adds").GetInt64());
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(description.DroppableBlocks, blocks.Where(block => !block.GetProperty("optional").GetBoolean()).Select(block => block.GetProperty("name").GetString()));
        Assert.Equal(description.OptionalDroppableBlocks, blocks.Where(block => block.GetProperty("optional").GetBoolean()).Select(block => block.GetProperty("name").GetString()));
        Assert.All(blocks, block => Assert.Equal(description.BlockMultiplyAdds[block.GetProperty("name").GetString()!], block.GetProperty("multiply_adds").GetInt64()));
        Assert.False(json.TryGetProperty("weights", out _));
    }

    [Fact]
    public async Task Weights_that_fit_are_validated_and_counted()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("w.safetensors");
        using (var model = ModelZoo.Create("resnet20_cifar", numClasses: 7, inChannels: 1))
        {
            Safetensors.Save(path, model.state_dict());
        }

        var run = await CliRun.Invoke("inspect", "--arch", "resnet20_cifar", "--weights", path, "--num-classes", "7", "--channels", "1", "--json");

        Assert.Equal(ExitCodes.Ok, run.Exit);
        Assert.Equal(path, run.Json.GetProperty("weights").GetString());
        Assert.Equal(7, run.Json.GetProperty("num_classes").GetInt64());
        using var reference = ModelZoo.Create("resnet20_cifar", numClasses: 7, inChannels: 1);
        Assert.Equal(reference.state_dict().Count, run.Json.GetProperty("weight_tensors").GetInt32());
    }

    [Fact]
    public async Task Weights_of_another_architecture_name_the_mismatched_keys()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("w.safetensors");
        using (var model = ModelZoo.Create("resnet20_cifar"))
        {
            Safetensors.Save(path, model.state_dict());
        }

        var run = await CliRun.Invoke("inspect", "--arch", "resnet32_cifar", "--weights", path);

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrorLines, line => line.StartsWith("practise: error PRAC0005: ", StringComparison.Ordinal));
        Assert.Contains("layer1.3.conv1.weight", run.Error, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_weights_file_is_an_input_error()
    {
        var run = await CliRun.Invoke("inspect", "--arch", "resnet20_cifar", "--weights", "/nonexistent/w.safetensors");

        Assert.Equal(ExitCodes.InputError, run.Exit);
        Assert.Equal(["practise: error PRAC0003: weights file not found: /nonexistent/w.safetensors"], run.ErrorLines);
    }

    [Fact]
    public async Task Unknown_architecture_suggests_the_closest_name()
    {
        var run = await CliRun.Invoke("inspect", "--arch", "resnet33_cifar");

        Assert.Equal(ExitCodes.InputError, run.Exit);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("practise: error PRAC0004: unknown architecture 'resnet33_cifar'; did you mean 'resnet32_cifar'?", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("inspect", "--arch", "resnet20_cifar", "--size", "0")]
    [InlineData("inspect", "--arch", "resnet20_cifar", "--bogus")]
    [InlineData("frobnicate")]
    public async Task Command_line_mistakes_are_usage_errors(params string[] args)
    {
        var run = await CliRun.Invoke(args);

        Assert.Equal(ExitCodes.UsageError, run.Exit);
        Assert.StartsWith("practise: error PRAC0002: ", run.ErrorLines[0], StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
