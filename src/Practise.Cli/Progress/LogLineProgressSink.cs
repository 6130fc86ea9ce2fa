using System.Globalization;
using Practise.Core.Pipeline;
using Practise.Core.Progress;

namespace Practise.Cli.Progress;

/// <summary>
/// Progress for logs that are not a terminal (CI): <c>[12:00:01] recoverability layer3.2: 500/1000</c> at most once per
/// interval per phase, and always a closing line with the phase's duration, so a log shows both liveness and totals.
/// </summary>
public sealed class LogLineProgressSink : IProgressSink
{
    private readonly Lock gate = new();
    private readonly TextWriter writer;
    private readonly TimeProvider clock;
    private readonly TimeSpan interval;

    public LogLineProgressSink(TextWriter writer, TimeProvider clock, TimeSpan interval) =>
        (this.writer, this.clock, this.interval) = (writer, clock, interval);

    public IProgressPhase Begin(string name, int total) => new Phase(this, name, total);

    public void Log(string message) => Write(message);

    private void Write(string message)
    {
        var time = clock.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        lock (gate)
        {
            writer.WriteLine($"[{time}] {message}");
        }
    }

    private sealed class Phase : IProgressPhase
    {
        private readonly LogLineProgressSink sink;
        private readonly string name;
        private readonly int total;
        private readonly long started;
        private long lastReport;
        private int done;
        private bool disposed;

        public Phase(LogLineProgressSink sink, string name, int total)
        {
            (this.sink, this.name, this.total) = (sink, name, total);
            started = lastReport = sink.clock.GetTimestamp();
        }

        public void Advance(int steps = 1, string? detail = null)
        {
            var now = sink.clock.GetTimestamp();
            var count = Interlocked.Add(ref done, steps);
            // Only the thread that moves lastReport forward prints, so concurrent advances never double-report.
            var last = Interlocked.Read(ref lastReport);
            if (sink.clock.GetElapsedTime(last, now) >= sink.interval && Interlocked.CompareExchange(ref lastReport, now, last) == last)
            {
                sink.Write($"{name}: {count}/{total}{(detail is null ? "" : $" ({detail})")}");
            }
        }

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            var seconds = sink.clock.GetElapsedTime(started).TotalSeconds;
            sink.Write($"{name}: {Volatile.Read(ref done)}/{total} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)}s");
        }
    }
}
