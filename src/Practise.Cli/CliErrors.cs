namespace Practise.Cli;

/// <summary>
/// Stable codes for errors the CLI itself reports (PRAC0xxx); the manifest's are PRAC1xxx (Practise.Manifest.ErrorCodes).
/// Never renumber: users search for them. docs/cli.md lists every one.
/// </summary>
public static class CliErrors
{
    public const string Unexpected = "PRAC0001";
    public const string Usage = "PRAC0002";
    public const string FileNotFound = "PRAC0003";
    public const string UnknownArchitecture = "PRAC0004";
    public const string WeightsMismatch = Core.Pipeline.PipelineErrors.WeightsMismatch;
    public const string UnreadableInput = "PRAC0006";
    public const string NoEvalSet = "PRAC0007";
    // PRAC0008 ("not available in this build") is retired with exit code 6 and never reused.
    public const string Cancelled = "PRAC0009";
}

/// <summary>An error the CLI reports as <c>practise: error CODE: message</c> and turns into <see cref="ExitCode"/>.</summary>
public sealed class CliException : Exception
{
    public CliException(string code, ExitCodes exitCode, string message, Exception? inner = null)
        : base(message, inner) => (Code, ExitCode) = (code, exitCode);

    public CliException() : this(CliErrors.Unexpected, ExitCodes.Failure, "unexpected error") { }

    public CliException(string message) : this(CliErrors.Unexpected, ExitCodes.Failure, message) { }

    public CliException(string message, Exception inner) : this(CliErrors.Unexpected, ExitCodes.Failure, message, inner) { }

    public string Code { get; }

    public ExitCodes ExitCode { get; }

    public static CliException FileNotFound(string path, string what) =>
        new(CliErrors.FileNotFound, ExitCodes.InputError, $"{what} not found: {path}");
}
