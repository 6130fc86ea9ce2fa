using System.CommandLine;
using Practise.Cli.Loading;
using Practise.Cli.Output;
using Practise.Core.Architectures;
using Practise.Core.Models;

namespace Practise.Cli.Commands;

/// <summary><c>practise inspect --arch NAME [--weights F] [--size N]</c>: what could be dropped and what each block costs.</summary>
internal static class InspectCommand
{
    public sealed record Request(string Arch, string? Weights, int? Size, int? NumClasses, int Channels);

    public sealed record BlockInfo(string Name, long MultiplyAdds, double Share, bool Optional);

    public sealed record Result(string Arch, long ImageSize, long NumClasses, long InChannels, long Parameters, long MultiplyAdds,
        IReadOnlyList<BlockInfo> Blocks, string? Weights, int? WeightTensors);

    public static Command Create(CliOptions options)
    {
        var arch = new Option<string>("--arch") { Description = $"Architecture: {string.Join(", ", ArchitectureRegistry.Names)}", Required = true };
        var weights = new Option<string?>("--weights") { Description = "A safetensors state_dict to load strictly and validate against the architecture" };
        var size = Positive(new Option<int?>("--size") { Description = "Square input side the multiply-adds are counted at (default: 224, or 32 for CIFAR ResNets)" });
        var numClasses = Positive(new Option<int?>("--num-classes") { Description = "Classifier width (default: 1000, or 10 for CIFAR ResNets)" });
        var channels = Positive(new Option<int?>("--channels") { Description = "Input channels (default: 3)" });
        var command = new Command("inspect", "Show an architecture's droppable blocks, parameters and multiply-adds")
        {
            arch, weights, size, numClasses, channels,
        };
        options.SetAction(command, (context, parse) => Run(context, new Request(
            parse.GetValue(arch)!, parse.GetValue(weights), parse.GetValue(size), parse.GetValue(numClasses), parse.GetValue(channels) ?? 3)));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request)
    {
        ModelLoading.RequireArchitecture(request.Arch);
        var description = ModelZoo.Describe(request.Arch, request.Size, request.NumClasses, request.Channels);
        var classes = ModelZoo.Original(request.Arch, request.NumClasses, request.Channels).NumClasses;
        string? weightsPath = null;
        int? tensors = null;
        if (request.Weights is not null)
        {
            weightsPath = context.Resolve(request.Weights);
            using var model = ModelLoading.LoadWeights(request.Arch, weightsPath, request.NumClasses, request.Channels);
            tensors = model.state_dict().Count;
        }
        var blocks = description.DroppableBlocks.Select(block => Block(description, block, optional: false))
            .Concat(description.OptionalDroppableBlocks.Select(block => Block(description, block, optional: true)))
            .ToList();
        var result = new Result(description.Arch, description.ImageSize, classes, request.Channels, description.Parameters,
            description.MultiplyAdds, blocks, weightsPath, tensors);
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            WriteText(context.Out, result);
        }
        return ExitCodes.Ok;
    }

    private static BlockInfo Block(ModelDescription description, string block, bool optional)
    {
        var cost = description.BlockMultiplyAdds[block];
        return new BlockInfo(block, cost, (double)cost / description.MultiplyAdds, optional);
    }

    private static void WriteText(TextWriter output, Result result)
    {
        output.WriteLine($"{result.Arch}: {result.InChannels}×{result.ImageSize}×{result.ImageSize} input, {result.NumClasses} classes");
        output.WriteLine($"  parameters     {Units.Grouped(result.Parameters)}");
        output.WriteLine($"  multiply-adds  {Units.Count(result.MultiplyAdds)} per image");
        if (result.Weights is not null)
        {
            output.WriteLine($"  weights        {result.Weights}: all {result.WeightTensors} tensors fit");
        }
        output.WriteLine();
        var table = new TextTable("droppable block", "multiply-adds", "share", "");
        foreach (var block in result.Blocks)
        {
            table.Add(block.Name, Units.Count(block.MultiplyAdds), Units.Percent(block.Share),
                block.Optional ? "only with recoverability.include-first-block: true" : "");
        }
        table.WriteTo(output);
        output.WriteLine($"  {result.Blocks.Count(block => !block.Optional)} droppable blocks");
    }

    private static Option<int?> Positive(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError($"{option.Name} must be a positive integer");
            }
        });
        return option;
    }
}
