namespace Practise.Cli.Commands;

/// <summary>Commands whose engine (Practise.Core.Pipeline.Compressor) is not part of this build yet.</summary>
internal static class NotYetAvailable
{
    public static ExitCodes Fail(string command) =>
        throw new CliException(CliErrors.NotImplemented, ExitCodes.NotImplemented,
            $"'{command}' is not yet available in this build: the compression engine is still being written");
}
