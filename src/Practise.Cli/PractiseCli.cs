using System.CommandLine;
using System.CommandLine.Invocation;
using Practise.Cli.Commands;

namespace Practise.Cli;

/// <summary>The <c>practise</c> command line: built over a <see cref="CliEnvironment"/> so tests run it in-process.</summary>
public static class PractiseCli
{
    /// <summary>How long a command may take to wind down after Ctrl+C before the process exits anyway.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(10);

    public static RootCommand CreateRootCommand(CliEnvironment environment)
    {
        var options = new CliOptions(environment);
        var root = new RootCommand("practise: accelerate a trained CNN by dropping the residual blocks that are easiest to recover, driven by practise.yaml")
        {
            options.Json,
            options.Quiet,
        };
        root.Subcommands.Add(CompressCommand.Create(options));
        root.Subcommands.Add(ScoreCommand.Create(options));
        root.Subcommands.Add(LatencyCommand.Create(options));
        root.Subcommands.Add(InspectCommand.Create(options));
        root.Subcommands.Add(EvalCommand.Create(options));
        root.Subcommands.Add(SynthesizeCommand.Create(options));
        root.Subcommands.Add(CacheCommand.Create(options));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, CliEnvironment environment, CancellationToken cancellation = default)
    {
        var parse = CreateRootCommand(environment).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                ErrorReporter.Write(environment.Error, CliErrors.Usage, error.Message, ExitCodes.UsageError);
            }
            environment.Error.WriteLine("Run 'practise --help' or 'practise <command> --help' for usage.");
            return (int)ExitCodes.UsageError;
        }
        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            ProcessTerminationTimeout = environment.HandleTermination ? TerminationGrace : null,
        };
        return await parse.InvokeAsync(configuration, cancellation).ConfigureAwait(false);
    }
}
