using Practise.Cli.Progress;

namespace Practise.Cli.Tests;

public class ProgressTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override DateTimeOffset GetUtcNow() => now;

        public override long GetTimestamp() => now.UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => now += by;
    }

    [Fact]
    public void Plain_lines_are_throttled_per_interval_and_every_phase_closes_with_a_total()
    {
        var clock = new ManualClock();
        using var output = new StringWriter();
        var sink = new LogLineProgressSink(output, clock, TimeSpan.FromSeconds(5));

        using (var phase = sink.Begin("recoverability layer3.2", 1000))
        {
            for (var step = 0; step < 1000; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(10));
                phase.Advance(detail: step == 499 ? "loss 0.25" : null);
            }
        }
        sink.Log("chose layer3.2");

        Assert.Equal(
            [
                "[12:00:05] recoverability layer3.2: 500/1000 (loss 0.25)",
                "[12:00:10] recoverability layer3.2: 1000/1000",
                "[12:00:10] recoverability layer3.2: 1000/1000 in 10.0s",
                "[12:00:10] chose layer3.2",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void A_phase_shorter_than_the_interval_prints_only_its_closing_line()
    {
        var clock = new ManualClock();
        using var output = new StringWriter();
        var sink = new LogLineProgressSink(output, clock, TimeSpan.FromSeconds(5));

        using (var phase = sink.Begin("eval", 3))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            phase.Advance(3);
        }

        Assert.Equal("[12:00:01] eval: 3/3 in 1.0s", output.ToString().Trim());
    }
}
