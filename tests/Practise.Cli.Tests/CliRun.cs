using System.Text.Json;
using Practise.Cli;

namespace Practise.Cli.Tests;

/// <summary>One in-process run of the CLI: its exit code and what it wrote to stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PractiseCli.InvokeAsync(args, CliEnvironment.ForWriters(output, error));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public ExitCodes Exit => (ExitCodes)ExitCode;

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>The error lines in <c>practise: error CODE: …</c> form.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>practise.json's dropped_blocks, from a compress run with --json.</summary>
    public List<string?> DroppedBlocks => Json.GetProperty("dropped_blocks").EnumerateArray().Select(block => block.GetString()).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
