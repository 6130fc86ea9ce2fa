using System.Diagnostics;
using Practise.Core.Pipeline;
using Practise.Core.Progress;

namespace Practise.Benchmarks.Quality;

/// <summary>The engine's decisions and cache hits as time-stamped lines on stderr (stdout stays free for results).</summary>
public sealed class ConsoleProgress : IProgressSink
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public IProgressPhase Begin(string name, int total) => new Phase();

    public void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed:hh\\:mm\\:ss}] {message}");

    private sealed class Phase : IProgressPhase
    {
        public void Advance(int steps = 1, string? detail = null) { }

        public void Dispose() { }
    }
}
