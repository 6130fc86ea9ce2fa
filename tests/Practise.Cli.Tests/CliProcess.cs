using System.Diagnostics;

namespace Practise.Cli.Tests;

/// <summary>The CLI run as a separate OS process (`dotnet exec Practise.Cli.dll …`), for what in-process runs cannot show.</summary>
internal static class CliProcess
{
    public static async Task<CliRun> Run(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"practise {string.Join(" ", args)} ran over 3 minutes:\n{await error}");
        }
        return new CliRun(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the CLI with its output redirected (read or discard it, so it never blocks on a full pipe).</summary>
    public static Process Start(params string[] args)
    {
        var cli = typeof(PractiseCli).Assembly.Location;
        var tests = typeof(CliProcess).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test assembly's runtime config and dependency list cover the CLI's: it is one of the test's references.
        foreach (var argument in new[] { "exec", "--runtimeconfig", Path.ChangeExtension(tests, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(tests, ".deps.json"), cli })
            start.ArgumentList.Add(argument);
        foreach (var argument in args) start.ArgumentList.Add(argument);
        start.Environment["PRACTISE_TRACE"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
