using System.Text.Json;
using Practise.Cli.Progress;
using Practise.Core.Pipeline;
using Practise.Core.Progress;

namespace Practise.Cli;

/// <summary>One run of a command: where it writes, how (text or JSON, quiet or not) and its cancellation.</summary>
public sealed record CommandContext(CliEnvironment Environment, bool Json, bool Quiet, CancellationToken Cancellation)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public TextWriter Out => Environment.Out;

    public string Resolve(string path) => Environment.Resolve(path);

    /// <summary>The machine-readable result: snake_case keys, as in model.json.</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>
    /// Runs <paramref name="work"/> with a progress sink: live bars on an interactive terminal, throttled log lines
    /// otherwise (CI), nothing under --quiet. JSON mode keeps progress, on stderr, because stdout carries the JSON.
    /// </summary>
    public T WithProgress<T>(Func<IProgressSink, T> work)
    {
        if (Quiet)
        {
            return work(SilentProgress.Instance);
        }
        if (Environment.ProgressConsole.Profile.Capabilities.Interactive)
        {
            return SpectreProgressSink.Run(Environment.ProgressConsole, work);
        }
        return work(new LogLineProgressSink(Environment.Error, Environment.Clock, Environment.LogInterval));
    }
}
