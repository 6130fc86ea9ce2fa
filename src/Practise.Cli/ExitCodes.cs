namespace Practise.Cli;

/// <summary>
/// What the process returns, so scripts and the MSBuild task can react without parsing text. Never renumber:
/// CI scripts compare against these values (docs/cli.md lists them).
/// </summary>
public enum ExitCodes
{
    Ok = 0,

    /// <summary>Something unexpected failed (a bug, or libtorch itself); the message says what.</summary>
    Failure = 1,

    /// <summary>practise.yaml has errors; each is printed as <c>file(line,col): error PRAC1xxx: …</c>.</summary>
    InvalidManifest = 2,

    /// <summary>An input is missing or unusable: a file, weights that do not fit, an unknown architecture, a data set.</summary>
    InputError = 3,

    /// <summary>No set of droppable blocks reaches the latency budget.</summary>
    BudgetUnreachable = 4,

    /// <summary>The compressed model's top-1 ended below budget.min-accuracy.</summary>
    AccuracyBelowMinimum = 5,

    // 6 was NotImplemented, from before every command had its engine; retired, never to be reused.

    /// <summary>Latency was too noisy to decide the budget with confidence within latency.max-seconds (PRAC2007).</summary>
    LatencyTooNoisy = 7,

    /// <summary>The command line itself is wrong (unknown option, missing value); sysexits' EX_USAGE.</summary>
    UsageError = 64,

    /// <summary>Interrupted by Ctrl+C (SIGINT); 128 + 2 as shells report it.</summary>
    Cancelled = 130,
}
