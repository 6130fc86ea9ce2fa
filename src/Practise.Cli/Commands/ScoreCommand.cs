using System.CommandLine;
using Practise.Core.Pipeline;

namespace Practise.Cli.Commands;

/// <summary><c>practise score [manifest] [--shard I/N]</c>: latency saving and recoverability of every droppable block.</summary>
internal static class ScoreCommand
{
    public sealed record Request(string Manifest, Shard Shard, string? CacheDir);

    /// <summary>One block in --json output; score is null where it is infinite (no measurable saving), as in practise.json.</summary>
    public sealed record Row(int Rank, string Block, double Tau, bool Measurable, double Criterion, double? Score, bool CacheHit);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var shard = new Option<Shard?>("--shard")
        {
            Description = "Score only share I of N of the blocks (1-based), e.g. one CI matrix job of N sharing a cache folder",
            HelpName = "I/N",
            CustomParser = ShardArgument.Parse,
        };
        var cacheDir = CliOptions.CacheDirOption();
        var command = new Command("score", "Print the latency and recoverability table for every droppable block") { manifest, shard, cacheDir };
        options.SetAction(command, (context, parse) =>
            Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(shard) ?? Shard.All, parse.GetValue(cacheDir))));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request)
    {
        var manifest = ManifestFiles.Load(context, request.Manifest);
        var scores = context.WithProgress(progress =>
        {
            TorchRuntime.Configure(manifest);
            var cacheDirectory = CompressCommand.Optional(context, request.CacheDir) ?? manifest.Cache.Dir;
            using var inputs = CompressionInputs.Load(manifest, progress, cacheDirectory, context.Cancellation);
            return ScoreBlocks.Over(manifest, inputs, cacheDirectory, progress).Run(request.Shard, context.Cancellation);
        });
        var ranked = Practise.Core.Selection.Ranking.Order(scores, manifest.Criterion, manifest.Data.Seed);
        if (context.Json)
        {
            context.WriteJson(ranked.Select((score, rank) => new Row(rank + 1, score.Block, score.Tau, score.Measurable, score.Criterion,
                double.IsFinite(score.Score) ? score.Score : null, score.CacheHit)).ToList());
            return ExitCodes.Ok;
        }
        var table = new Output.TextTable("rank", "block", "tau", "criterion", "score", "cached");
        foreach (var (score, rank) in ranked.Select((score, rank) => (score, rank + 1)))
        {
            table.Add(rank.ToString(System.Globalization.CultureInfo.InvariantCulture), score.Block,
                score.Measurable ? $"{score.Tau * 100:F2}%" : $"{score.Tau * 100:F2}% (no measurable gain)",
                score.Criterion.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
                double.IsFinite(score.Score) ? score.Score.ToString("G4", System.Globalization.CultureInfo.InvariantCulture) : "-",
                score.CacheHit ? "yes" : "");
        }
        table.WriteTo(context.Out);
        return ExitCodes.Ok;
    }
}
