using Practise.Core.Latency;

namespace Practise.Cli.Tests;

internal static class PinnedProfiles
{
    /// <summary>
    /// A profile as `practise latency` on a reference machine would write it, for every subset of the droppable blocks:
    /// each block saves a different share (5–10%) of a 10 ms forward, paired round by round with the teacher, so the
    /// figures rank the blocks and decide any budget unambiguously.
    /// </summary>
    public static LatencyProfile EverySubset(EvalFixture fixture, string path)
    {
        var settings = new MeasurementSettings(Batch: 2, Channels: 1, Height: 16, Width: 16, Warmup: 1, Repeats: 7, Threads: 1, Seed: 3);
        var fingerprint = new DeviceFingerprint("Reference CI machine", 8, 1, "2.10.0", "cpu");
        var profile = LatencyProfile.Create(path, fixture.Teacher.Architecture, fingerprint, settings);
        var blocks = fixture.Teacher.DroppableBlocks().ToList();
        var rounds = Enumerable.Range(-3, 7).ToList();
        for (var subset = 1; subset < 1 << blocks.Count; subset++)
        {
            var dropped = blocks.Where((_, position) => ((subset >> position) & 1) == 1).ToList();
            var ms = 10 - dropped.Sum(block => 0.5 + (0.1 * blocks.IndexOf(block)));
            profile.Set(dropped, new PairedLatency(rounds.Select(round => 10 + (0.01 * round)).ToList(), rounds.Select(round => ms + (0.01 * round)).ToList()));
        }
        return profile;
    }
}
