using System.CommandLine;

namespace Practise.Cli;

/// <summary>The options every command shares, and the glue that turns a command's body into an invocable action.</summary>
internal sealed class CliOptions(CliEnvironment environment)
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the result as JSON on stdout (progress and errors stay on stderr)",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress or log lines; only the result, errors and manifest warnings",
        Recursive = true,
    };

    public CliEnvironment Environment => environment;

    /// <summary>The optional manifest path argument: practise.yaml in the current folder when left out.</summary>
    public static Argument<string> ManifestArgument() => new("manifest")
    {
        Description = "Path to the manifest",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => Practise.Manifest.ManifestLoader.DefaultFileName,
    };

    public static Option<string?> CacheDirOption() => new("--cache-dir")
    {
        Description = "Cache folder (default: the manifest's cache.dir, $PRACTISE_CACHE, or obj/practise-cache beside the manifest)",
    };

    /// <summary>
    /// Runs <paramref name="body"/> on the thread pool so a signal can cancel it while it computes, and turns every
    /// exception into an error line and an exit code.
    /// </summary>
    public void SetAction(Command command, Func<CommandContext, ParseResult, ExitCodes> body) =>
        command.SetAction((parse, cancellation) =>
        {
            var context = new CommandContext(environment, parse.GetValue(Json), parse.GetValue(Quiet), cancellation);
            return Task.Run(() => (int)ErrorReporter.Guard(context, () => body(context, parse)), CancellationToken.None);
        });
}
