using Practise.Core.Data;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Serialization;
using Practise.Manifest;
using TorchSharp;

namespace Practise.Cli;

/// <summary>
/// Turns exceptions into <c>practise: error PRAC####: message</c> lines and exit codes. Manifest errors keep MSBuild's
/// canonical <c>file(line,col): error PRAC1xxx: …</c> form so IDEs and CI annotate the manifest line.
/// </summary>
internal static class ErrorReporter
{
    public static ExitCodes Guard(CommandContext context, Func<ExitCodes> body)
    {
        try
        {
            return body();
        }
        catch (Exception exception)
        {
            return Report(context.Environment.Error, exception, context.Cancellation);
        }
    }

    public static ExitCodes Report(TextWriter error, Exception exception, CancellationToken cancellation)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellation.IsCancellationRequested:
                return Write(error, CliErrors.Cancelled, "cancelled", ExitCodes.Cancelled);
            case CliException cli:
                return Write(error, cli.Code, cli.Message, cli.ExitCode);
            case ManifestException manifest:
                foreach (var problem in manifest.Errors)
                {
                    error.WriteLine(problem.ToString());
                }
                // Without a manifest there is nothing invalid to fix in it: the input is missing.
                return manifest.Code == ErrorCodes.ManifestNotFound ? ExitCodes.InputError : ExitCodes.InvalidManifest;
            case PractiseException failure:
                return Write(error, failure.Code, failure.Message, failure.Code switch
                {
                    PipelineErrors.BudgetUnreachable => ExitCodes.BudgetUnreachable,
                    PipelineErrors.AccuracyBelowMinimum => ExitCodes.AccuracyBelowMinimum,
                    PipelineErrors.LatencyTooNoisy => ExitCodes.LatencyTooNoisy,
                    PipelineErrors.Failure => ExitCodes.Failure,
                    _ => ExitCodes.InputError,
                });
            case LatencyProfileException profile:
                // A pinned profile that lacks a variant or does not fit is found while measuring, not only when loading.
                return Write(error, PipelineErrors.LatencyProfile, profile.Message, ExitCodes.InputError);
            case StateDictMismatchException mismatch:
                return Write(error, CliErrors.WeightsMismatch, mismatch.Message, ExitCodes.InputError);
            case FileNotFoundException or DirectoryNotFoundException:
                return Write(error, CliErrors.FileNotFound, exception.Message, ExitCodes.InputError);
            case SafetensorsException or ImageDecodeException or DataException or IOException or UnauthorizedAccessException:
                return Write(error, CliErrors.UnreadableInput, exception.Message, ExitCodes.InputError);
            default:
                if (System.Environment.GetEnvironmentVariable("PRACTISE_TRACE") == "1")
                {
                    error.WriteLine(exception);
                }
                return Write(error, CliErrors.Unexpected, $"{exception.GetType().Name}: {exception.Message} (set PRACTISE_TRACE=1 for the stack trace)", ExitCodes.Failure);
        }
    }

    public static ExitCodes Write(TextWriter error, string code, string message, ExitCodes exitCode)
    {
        error.WriteLine($"practise: error {code}: {message}");
        return exitCode;
    }
}
