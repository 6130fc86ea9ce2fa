using System.CommandLine;

namespace Practise.Cli.Commands;

/// <summary><c>practise compress [manifest] [--output DIR] [--cache-dir DIR]</c>: score, select, finetune, write the artifacts.</summary>
internal static class CompressCommand
{
    public sealed record Request(string Manifest, string? Output, string? CacheDir);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Artifact folder (default: the manifest's output.dir)" };
        var cacheDir = CliOptions.CacheDirOption();
        var command = new Command("compress", "Drop the most recoverable blocks to meet the budget, finetune, and write the compressed model and report")
        {
            manifest, output, cacheDir,
        };
        options.SetAction(command, (context, parse) =>
            Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(output), parse.GetValue(cacheDir))));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request) => NotYetAvailable.Fail("compress");
}
