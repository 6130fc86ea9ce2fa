using System.CommandLine;

namespace Practise.Cli.Commands;

/// <summary><c>practise score [manifest] [--shard I/N]</c>: latency saving and recoverability of every droppable block.</summary>
internal static class ScoreCommand
{
    public sealed record Request(string Manifest, Shard Shard, string? CacheDir);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var shard = new Option<Shard?>("--shard")
        {
            Description = "Score only share I of N of the blocks (1-based), e.g. one CI matrix job of N sharing a cache folder",
            HelpName = "I/N",
            CustomParser = Shard.Parse,
        };
        var cacheDir = CliOptions.CacheDirOption();
        var command = new Command("score", "Print the latency and recoverability table for every droppable block") { manifest, shard, cacheDir };
        options.SetAction(command, (context, parse) =>
            Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(shard) ?? Shard.All, parse.GetValue(cacheDir))));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request) => NotYetAvailable.Fail("score");
}
