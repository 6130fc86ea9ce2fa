using System.Text.Json;
using System.Text.Json.Nodes;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// The latency column of the tables: after all cells, the teacher and every distinct pruned network the cells chose,
/// timed together in ONE interleaved session, in a process that has trained nothing (`Quality remeasure`). Per-cell
/// fresh timings are taken hours apart, each in a process that has just finetuned, and read 4–10 points below fresh
/// processes for the same blocks; one session puts every cell on the same clock, so criteria are compared at
/// latencies measured alike. Written to latency.final.json; rerun when cells are added.
/// </summary>
public sealed class FinalLatency(Manifests manifests, PrunableModel teacher, string teacherHash, QualityConfig config, IProgressSink progress)
{
    /// <summary>Rounds per variant: 70 s for the full run's 21 distinct networks on the 2-core machine.</summary>
    public const int Repeats = 60;

    public string Path => System.IO.Path.Combine(manifests.WorkDirectory, "latency.final.json");

    public void Run(ResultsLog results)
    {
        var run = config.RunPrefix(teacherHash);
        var sets = results.Lines(run)
            .Where(line => line["dropped"] is JsonArray)
            .Select(line => line["dropped"]!.AsArray().Select(block => block!.GetValue<string>()).ToList())
            .DistinctBy(LatencyProfile.Key)
            .ToList();
        if (sets.Count == 0)
        {
            progress.Log("final latency: no finished cells yet");
            return;
        }
        if (Existing() is { } done && done["run"]?.GetValue<string>() == run && sets.All(set => done["variants"]?[LatencyProfile.Key(set)] is not null))
        {
            progress.Log($"final latency: all {sets.Count} networks already in {Path}");
            return;
        }

        var example = manifests.For(config.Sets[0], pinned: false);
        var settings = MeasurementSettings.From(example.Latency, example.Model.Input, seed: 0) with { Repeats = Repeats };
        progress.Log($"final latency: the teacher and {sets.Count} pruned networks, {Repeats} interleaved rounds");
        var pruned = sets.Select(set => BlockSurgery.Prune(teacher, set)).ToList();
        try
        {
            // A fixed number of rounds: with no decision to settle and no time to extend, the meter times one batch.
            var measured = LatencyMeter.Measure(teacher, pruned, settings with { MaxSeconds = 0 }, _ => false).Variants;
            var teacherMs = measured[0].BaselineMedianMs;
            var variants = new JsonObject();
            for (var i = 0; i < sets.Count; i++)
            {
                variants[LatencyProfile.Key(sets[i])] = new JsonObject
                {
                    ["median_ms"] = Math.Round(teacherMs * measured[i].Ratio, 3),
                    ["reduction"] = Math.Round(measured[i].Reduction, 5),
                    ["reduction_low"] = Math.Round(measured[i].ReductionInterval.Low, 5),
                    ["reduction_high"] = Math.Round(measured[i].ReductionInterval.High, 5),
                };
            }
            var teacherRounds = measured[0].BaselineMs;
            var document = new JsonObject
            {
                ["run"] = run,
                ["batch"] = settings.Batch,
                ["threads"] = settings.Threads,
                ["repeats"] = Repeats,
                ["teacher_ms"] = Math.Round(teacherMs, 3),
                ["teacher_p25_ms"] = Math.Round(SampleStatistics.Quantile(teacherRounds, 0.25), 3),
                ["teacher_p75_ms"] = Math.Round(SampleStatistics.Quantile(teacherRounds, 0.75), 3),
                ["variants"] = variants,
            };
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, Path, overwrite: true);
            progress.Log($"final latency: teacher {teacherMs:F2} ms; {sets.Count} networks written to {Path}");
        }
        finally
        {
            foreach (var model in pruned) model.Dispose();
        }
    }

    /// <summary>The file of an earlier remeasure; unreadable counts as absent (it is replaced whole, never edited).</summary>
    private JsonNode? Existing()
    {
        if (!File.Exists(Path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(Path));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
