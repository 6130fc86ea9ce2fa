namespace Practise.Core.Progress;

/// <summary>
/// Where long work reports itself. The CLI renders phases as progress bars (or plain lines when not on a terminal);
/// libraries and tests pass <see cref="SilentProgress"/>.
/// </summary>
public interface IProgressSink
{
    /// <summary>Starts a phase of <paramref name="total"/> steps (e.g. "recoverability layer3.2", 1000 iterations).</summary>
    IProgressPhase Begin(string name, int total);

    /// <summary>A line worth showing (a decision, a cache hit, a measured figure).</summary>
    void Log(string message);
}

public interface IProgressPhase : IDisposable
{
    void Advance(int steps = 1, string? detail = null);
}

public sealed class SilentProgress : IProgressSink
{
    public static readonly SilentProgress Instance = new();

    public IProgressPhase Begin(string name, int total) => NoPhase.Instance;

    public void Log(string message) { }

    private sealed class NoPhase : IProgressPhase
    {
        public static readonly NoPhase Instance = new();

        public void Advance(int steps = 1, string? detail = null) { }

        public void Dispose() { }
    }
}
