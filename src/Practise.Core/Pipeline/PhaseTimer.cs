using System.Diagnostics;

namespace Practise.Core.Pipeline;

/// <summary>Wall seconds per named phase of a run, in the order the phases ran (the report's phase table).</summary>
public sealed class PhaseTimer
{
    private readonly Dictionary<string, double> seconds = [];

    public IReadOnlyDictionary<string, double> Seconds => seconds;

    public T Time<T>(string name, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var result = work();
        seconds[name] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        return result;
    }

    public void Time(string name, Action work) => Time<bool>(name, () =>
    {
        work();
        return true;
    });
}
