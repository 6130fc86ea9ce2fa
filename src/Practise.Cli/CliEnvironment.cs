using Spectre.Console;

namespace Practise.Cli;

/// <summary>
/// Everything a command touches outside its arguments, so tests run the CLI in-process with captured output and a
/// controllable clock. Results go to <see cref="Out"/>; errors, progress and log lines to <see cref="Error"/>, so
/// <c>practise eval --json | jq</c> sees only JSON.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Renders live progress bars when it is interactive (a terminal, not CI); otherwise plain log lines are written.</summary>
    public required IAnsiConsole ProgressConsole { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How often a phase may print a plain progress line; CI logs stay readable at thousands of steps.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Relative paths on the command line resolve against this folder.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Whether Ctrl+C (SIGINT/SIGTERM) is turned into cancellation; only the real process wants the signal handlers.</summary>
    public bool HandleTermination { get; init; }

    public static CliEnvironment FromConsole() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        ProgressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        HandleTermination = true,
    };

    /// <summary>A non-interactive environment over two writers (tests, embedding).</summary>
    public static CliEnvironment ForWriters(TextWriter output, TextWriter error, string? workingDirectory = null) => new()
    {
        Out = output,
        Error = error,
        ProgressConsole = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        }),
        WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
    };

    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
