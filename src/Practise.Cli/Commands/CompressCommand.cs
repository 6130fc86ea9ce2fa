using System.CommandLine;
using Practise.Contract;
using Practise.Core.Pipeline;

namespace Practise.Cli.Commands;

/// <summary><c>practise compress [manifest] [--output DIR] [--cache-dir DIR] [--device cpu|cuda]</c>: score, select, finetune, write the artifacts.</summary>
internal static class CompressCommand
{
    public sealed record Request(string Manifest, string? Output, string? CacheDir, string? Device = null);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Artifact folder (default: the manifest's output.dir)" };
        var cacheDir = CliOptions.CacheDirOption();
        // The MSBuild item's Device metadata lands here: one manifest, compressed on a CI GPU runner or a laptop CPU.
        var device = new Option<string?>("--device") { Description = "Where scoring, finetuning and evaluation run (default: the manifest's device)" };
        device.AcceptOnlyFromAmong("cpu", "cuda");
        var command = new Command("compress", "Drop the most recoverable blocks to meet the budget, finetune, and write the compressed model and report")
        {
            manifest, output, cacheDir, device,
        };
        options.SetAction(command, (context, parse) =>
            Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(output), parse.GetValue(cacheDir), parse.GetValue(device))));
        return command;
    }

    public static ExitCodes Run(CommandContext context, Request request)
    {
        var manifest = ManifestFiles.Load(context, request.Manifest);
        if (request.Device is { } device)
            manifest = manifest with { Device = Enum.Parse<Practise.Manifest.ComputeDevice>(device, ignoreCase: true) };
        var result = context.WithProgress(progress =>
            new Compressor(manifest, progress, Optional(context, request.Output), Optional(context, request.CacheDir)).Compress(context.Cancellation));
        if (context.Json)
        {
            context.WriteJson(result.Report);
            return ExitCodes.Ok;
        }
        var report = result.Report;
        var latency = report.Latency;
        if (report.Method != "channels") context.Out.WriteLine($"dropped {report.DroppedBlocks.Count} blocks: {string.Join(", ", report.DroppedBlocks)}");
        if (report.Channels is { } channels) context.Out.WriteLine($"removed {ChannelSummary.Line(channels)}");
        context.Out.WriteLine($"{LatencySummary.Line(latency)} (batch {latency.Batch}, {latency.Threads} threads)");
        if (report.Accuracy is { } accuracy)
            context.Out.WriteLine($"top-1 {accuracy.Top1Before * 100:F2}% -> {accuracy.Top1After * 100:F2}% on {accuracy.Images} images (pruned without finetuning: {accuracy.Top1PrunedNoFinetune * 100:F2}%)");
        IEnumerable<string> artifacts = report.Channels is null ? ArtifactNames.All : [.. ArtifactNames.All, ArtifactNames.WidthChart];
        context.Out.WriteLine($"wrote {result.OutputDirectory} ({string.Join(", ", artifacts)})");
        return ExitCodes.Ok;
    }

    internal static string? Optional(CommandContext context, string? path) => path is null ? null : context.Resolve(path);
}
