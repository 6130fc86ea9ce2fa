using System.CommandLine;
using Practise.Core.Pipeline;

namespace Practise.Cli.Commands;

/// <summary>
/// <c>practise synthesize [manifest] --output DIR</c>: write the manifest's data-free set (data.train.synthetic or
/// data.train.noise) as PNG files, synthesising it into the cache unless a compress already did.
/// </summary>
internal static class SynthesizeCommand
{
    public sealed record Request(string Manifest, string Output, string? CacheDir);

    public sealed record Result(string Directory, string Source, int Images, string First, string Last);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var output = new Option<string>("--output", "-o") { Description = "Folder to write 000.png, 001.png, … into", Required = true };
        var cacheDir = CliOptions.CacheDirOption();
        var command = new Command("synthesize", "Write the data-free training set (data.train.synthetic or noise) as PNG files") { manifest, output, cacheDir };
        options.SetAction(command, (context, parse) =>
            Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(output)!, parse.GetValue(cacheDir))));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request)
    {
        var manifest = ManifestFiles.Load(context, request.Manifest);
        var directory = context.Resolve(request.Output);
        var written = context.WithProgress(progress =>
        {
            TorchRuntime.Configure(manifest);
            return GeneratedSetFiles.Write(manifest, directory, progress, CompressCommand.Optional(context, request.CacheDir), context.Cancellation);
        });
        var result = new Result(written.Directory, written.Source, written.Files.Count, written.Files[0], written.Files[^1]);
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            var input = manifest.Model.Input;
            context.Out.WriteLine($"wrote {result.Images} {result.Source} images ({input.Size.Height}×{input.Size.Width}×{input.Channels}) to {result.Directory}: " +
                $"{result.First} … {result.Last}; reuse them with data.train: [\"{Path.Combine(request.Output, "*.png")}\"]");
        }
        return ExitCodes.Ok;
    }
}
