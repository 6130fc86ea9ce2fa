using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Spectre.Console;

namespace Practise.Cli.Progress;

/// <summary>Live progress bars with ETA on an interactive terminal; each phase is one bar, log lines print above them.</summary>
public sealed class SpectreProgressSink : IProgressSink
{
    private readonly ProgressContext context;
    private readonly IAnsiConsole console;

    private SpectreProgressSink(ProgressContext context, IAnsiConsole console) => (this.context, this.console) = (context, console);

    /// <summary>Runs <paramref name="work"/> while the bars render; they stay on screen afterwards as a record of the phases.</summary>
    public static T Run<T>(IAnsiConsole console, Func<IProgressSink, T> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(context => work(new SpectreProgressSink(context, console)));

    public IProgressPhase Begin(string name, int total) =>
        new Phase(context.AddTask(Markup.Escape(name), autoStart: true, maxValue: Math.Max(total, 1)), name);

    public void Log(string message) => console.MarkupLine(Markup.Escape(message));

    private sealed class Phase(ProgressTask task, string name) : IProgressPhase
    {
        public void Advance(int steps = 1, string? detail = null)
        {
            task.Increment(steps);
            if (detail is not null)
            {
                task.Description = $"{Markup.Escape(name)} [grey]{Markup.Escape(detail)}[/]";
            }
        }

        public void Dispose()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
