using System.Text.Json.Nodes;
using Practise.Cache;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>Two `practise` processes sharing one cache folder, as two CI jobs or two builds on one machine do.</summary>
[Trait("Category", "Slow")]
public class ConcurrentProcessTests
{
    [Fact]
    public async Task Two_processes_scoring_into_one_cache_both_succeed_agree_and_leave_only_valid_entries()
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        // Enough adaptor steps (several seconds) that the two processes, started together, are both still scoring when
        // the other starts to (the first assertions below prove they were), even when a busy machine starts one of them
        // seconds late (48 steps were too few once), and enough latency rounds that they extend the one profile side by side.
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "blocks: 1")
            .Replace("repeats: 7", "repeats: 150", StringComparison.Ordinal)
            .Replace("recoverability: { iterations: 6,", "recoverability: { iterations: 160,", StringComparison.Ordinal));
        var cache = fixture.File("shared-cache");
        string[] score = ["score", manifest, "--cache-dir", cache, "--json", "--quiet"];

        var runs = await Task.WhenAll(CliProcess.Run(score), CliProcess.Run(score));

        Assert.All(runs, run => Assert.True(run.Exit == ExitCodes.Ok, run.ToString()));
        // The overlap: each process looked its scores up in the cache, and missed, before the other had stored any. So
        // from its lookup to its own first store, each was scoring while the other was too; had they run one after the
        // other, the second would report cache hits.
        Assert.All(runs, run => Assert.All(run.Json.EnumerateArray(),
            row => Assert.False(row.GetProperty("cache_hit").GetBoolean(), $"{row} was read from the other process's entry: the two did not overlap")));
        // Which process stored an entry first decides nothing: both report the figures now in the cache.
        var tables = runs.Select(run => run.Json.EnumerateArray()
            .Select(row => (Block: row.GetProperty("block").GetString(), Tau: row.GetProperty("tau").GetDouble(), Criterion: row.GetProperty("criterion").GetDouble()))
            .ToList()).ToList();
        Assert.Equal(6, tables[0].Count);
        Assert.Equal(tables[0], tables[1]);

        var entries = new CacheStore(cache).List();
        Assert.Equal(6, entries.Count(entry => entry.Kind == RecoverabilityKind.Name));
        Assert.All(entries, entry => Assert.True(entry.Valid, $"{entry.Path} is not a valid entry"));
        // One latency profile, extended by both processes under the cache's lock: the 6 single drops, each paired with the teacher.
        var latency = Assert.Single(entries, entry => entry.Kind == LatencyKind.Name);
        Assert.Equal(6, JsonNode.Parse(File.ReadAllText(latency.Path))!["value"]!["variants"]!.AsObject().Count);
        var listed = await CliRun.Invoke("cache", "list", "--cache-dir", cache, "--json");
        var listedEntries = listed.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(entries.Count, listedEntries.Count);
        Assert.All(listedEntries, entry => Assert.True(entry.GetProperty("valid").GetBoolean(), entry.ToString()));
        Assert.Contains(listedEntries, entry => entry.GetProperty("kind").GetString() == LatencyKind.Name && entry.GetProperty("fields").GetProperty("arch").GetString() == "resnet20_cifar");
        Assert.Empty(Directory.GetFiles(cache, "*.tmp", SearchOption.AllDirectories));
    }
}
