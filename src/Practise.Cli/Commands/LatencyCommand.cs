using System.CommandLine;
using Practise.Core.Pipeline;

namespace Practise.Cli.Commands;

/// <summary><c>practise latency [manifest]</c>: measure block latencies and write a profile that latency.profile can pin.</summary>
internal static class LatencyCommand
{
    public sealed record Request(string Manifest, string? Output);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var output = new Option<string?>("--output", "-o") { Description = "Profile file to write (default: latency.json in the manifest's output.dir)" };
        var command = new Command("latency", "Measure the model's latency with each droppable block removed and write a latency profile") { manifest, output };
        options.SetAction(command, (context, parse) => Run(context, new Request(parse.GetValue(manifest)!, parse.GetValue(output))));
        return command;
    }

    /// <summary>
    /// Measures every figure a compress run can ask for — the original, each single drop and every prefix of the
    /// ranking — into one profile, so pinning it (latency.profile) reproduces the selection on any machine.
    /// </summary>
    public static ExitCodes Run(CommandContext context, Request request)
    {
        var manifest = ManifestFiles.Load(context, request.Manifest);
        var path = request.Output is null ? Path.Combine(manifest.Output.Dir, "latency.json") : context.Resolve(request.Output);
        var count = context.WithProgress(progress => LatencyProfiling.Write(manifest, path, progress, context.Cancellation));
        context.Out.WriteLine($"wrote {path} ({count} variants); pin it with latency.profile: {path}");
        return ExitCodes.Ok;
    }
}
