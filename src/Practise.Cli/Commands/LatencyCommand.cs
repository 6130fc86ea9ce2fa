using System.CommandLine;

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

    public static ExitCodes Run(CommandContext context, Request request) => NotYetAvailable.Fail("latency");
}
