using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Manifest;
using TorchSharp;

namespace Practise.Benchmarks.LatencyRobustness;

/// <summary>The chosen network (practise.json's dropped_blocks) timed against the teacher in one batch of paired rounds.</summary>
public sealed record ChosenNetworkTiming(IReadOnlyList<string> Dropped, PairedLatency Latency, SessionSummary Session)
{
    public static ChosenNetworkTiming Measure(string manifestPath, string reportPath, int rounds)
    {
        var manifest = ManifestLoader.Load(manifestPath);
        var dropped = DroppedBlocks(reportPath);
        // The run's process-wide settings (threads, seed) and its latency teacher, as compress measures them.
        TorchRuntime.Configure(manifest);
        var latencyDevice = ComputeDevices.Resolve(manifest.Latency.Device, "latency.device");
        using var teacher = TeacherLoader.Load(manifest.Model);
        teacher.to(latencyDevice);
        using var pruned = BlockSurgery.Prune(teacher, dropped);
        // With no time to extend and a decision that never settles, the meter times exactly one batch of `rounds`.
        var settings = MeasurementSettings.From(manifest.Latency, manifest.Model.Input, manifest.Data.Seed) with { Repeats = rounds, MaxSeconds = 0 };
        var session = LatencyMeter.Measure(teacher, [pruned], settings, settled: _ => false);
        return new ChosenNetworkTiming(dropped, session.Variants[0], session.Summary);
    }

    /// <summary>Read as plain JSON rather than the typed report, so a report from an older or newer tool still reads.</summary>
    private static List<string> DroppedBlocks(string reportPath)
    {
        var report = JsonNode.Parse(File.ReadAllText(reportPath));
        if (report?["dropped_blocks"] is not JsonArray blocks)
            throw new InvalidDataException($"{reportPath} has no dropped_blocks array");
        return blocks.Select(block => block!.GetValue<string>()).ToList();
    }

    public string ToJson()
    {
        var teacherMs = Latency.BaselineMedianMs;
        var document = new JsonObject
        {
            ["dropped"] = new JsonArray(Dropped.Select(block => (JsonNode)block).ToArray()),
            ["rounds"] = Session.Rounds,
            ["teacher_ms"] = Math.Round(teacherMs, 3),
            ["pruned_ms"] = Math.Round(teacherMs * Latency.Ratio, 3),
            ["reduction"] = Math.Round(Latency.Reduction, 5),
            ["reduction_low"] = Math.Round(Latency.ReductionInterval.Low, 5),
            ["reduction_high"] = Math.Round(Latency.ReductionInterval.High, 5),
            ["disturbed"] = Session.Disturbed,
            ["set_aside_rounds"] = Session.SetAsideRounds,
            ["seconds"] = Math.Round(Session.Seconds, 2),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"re-measured {Dropped.Count} blocks dropped: reduction {Latency.Reduction * 100:F1}% (90% {Latency.ReductionInterval.Low * 100:F1}% to {Latency.ReductionInterval.High * 100:F1}%), " +
        $"teacher {Latency.BaselineMedianMs:F2} ms, {Session.Rounds} rounds ({Session.SetAsideRounds} set aside{(Session.Disturbed ? ", disturbed" : "")}) in {Session.Seconds:F0} s");
}
