using Practise.Manifest.Cache;

namespace Practise.Manifest.Tests;

public class ScoreCacheTests
{
    private static CacheKey Key(string block = "layer1.1") => new CacheKey("recoverability").Add("block", block);

    [Fact]
    public void Values_round_trip_under_the_documented_layout()
    {
        using var folder = new TempDirectory();
        var cache = new ScoreCache(folder.Path);
        var key = Key();

        Assert.False(cache.TryGet<double>(key, out _));
        cache.Set(key, 0.125);

        Assert.True(cache.TryGet<double>(key, out var value));
        Assert.Equal(0.125, value);
        Assert.Equal(Path.Combine(folder.Path, "recoverability", key.Hash[..2], key.Hash + ".json"), cache.PathOf(key));
        Assert.True(File.Exists(cache.PathOf(key)));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("tamper")]
    [InlineData("empty")]
    public void A_corrupt_entry_is_reported_and_recomputed(string damage)
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        var cache = new ScoreCache(folder.Path, problems.Add);
        var key = Key();
        cache.Set(key, new[] { 1.5, 2.5 });
        var path = cache.PathOf(key);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, damage switch
        {
            "truncate" => text[..(text.Length / 2)],
            "tamper" => text.Replace("1.5", "9.5", StringComparison.Ordinal),
            _ => "",
        });

        var computed = 0;
        var value = cache.GetOrAdd(key, () => { computed++; return new[] { 1.5, 2.5 }; });

        Assert.Equal(1, computed);
        Assert.Equal([1.5, 2.5], value);
        Assert.Equal(("PRAC1030", path), (Assert.Single(problems).Code, problems[0].Path));
        Assert.Equal(value, cache.GetOrAdd(key, () => { computed++; return new[] { 0.0 }; }));
        Assert.Equal(1, computed);
    }

    [Fact]
    public void List_and_clear_work_per_kind()
    {
        using var folder = new TempDirectory();
        var cache = new ScoreCache(folder.Path);
        cache.Set(Key("a"), 1.0);
        cache.Set(Key("b"), 2.0);
        var latency = new CacheKey("latency").Add("arch", "resnet18");
        cache.Set(latency, 10.0);
        File.WriteAllText(cache.PathOf(Key("b")), "{");

        var entries = cache.List();
        Assert.Equal(["latency", "recoverability", "recoverability"], entries.Select(entry => entry.Kind));
        Assert.Equal(1, entries.Count(entry => !entry.Valid));
        Assert.Equal("resnet18", entries[0].Fields["arch"]);
        Assert.Equal(2, cache.List("recoverability").Count);

        // Other files in the folder (the pipeline's latency profiles) are not entries, nor corrupt ones.
        File.WriteAllText(Path.Combine(folder.Path, "latency", latency.Hash + ".profile.json"), "{}");
        Assert.Equal(entries.Select(entry => entry.Path), cache.List().Select(entry => entry.Path));

        Assert.Equal(2, cache.Clear("recoverability"));
        Assert.Equal([latency.Hash], cache.List().Select(entry => entry.Hash));
        Assert.True(cache.Remove(latency));
        Assert.Empty(cache.List());
        Assert.Equal(0, cache.Clear());
    }

    [Fact]
    public async Task Concurrent_writers_with_separate_handles_all_succeed_and_entries_stay_valid()
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        // Each writer has its own ScoreCache, hence its own lock-file FileStream, as two processes would.
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            var cache = new ScoreCache(folder.Path, problem => { lock (problems) { problems.Add(problem); } });
            for (var i = 0; i < 50; i++)
            {
                var key = Key($"layer{i % 10}");
                cache.Set(key, new { Block = i % 10, Writer = writer });
                cache.TryGet<Dictionary<string, int>>(key, out _);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var entries = new ScoreCache(folder.Path).List();
        Assert.Equal(10, entries.Count);
        Assert.All(entries, entry => Assert.True(entry.Valid));
        Assert.Empty(problems);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_held_lock_times_out_with_a_code()
    {
        using var folder = new TempDirectory();
        using var held = FileLock.Acquire(Path.Combine(folder.Path, ".lock"), TimeSpan.FromSeconds(1));
        var cache = new ScoreCache(folder.Path, lockTimeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal("PRAC1031", Assert.Throws<CacheException>(() => cache.Set(Key(), 1.0)).Code);
    }
}
