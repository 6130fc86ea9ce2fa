namespace Practise.Cache.Tests;

public class CacheStoreTests
{
    private static CacheKey Key(string block = "layer1.1") => new CacheKey(RecoverabilityKind.Name).Add("block", block);

    [Fact]
    public void Values_round_trip_under_the_documented_layout()
    {
        using var folder = new TempDirectory();
        var cache = new CacheStore(folder.Path);
        var key = Key();

        Assert.False(cache.TryGet<double>(key, out _));
        cache.Set(key, 0.125);

        Assert.True(cache.TryGet<double>(key, out var value));
        Assert.Equal(0.125, value);
        Assert.Equal(Path.Combine(folder.Path, "recoverability", key.Hash[..2], key.Hash + ".json"), cache.PathOf(key));
        Assert.True(File.Exists(cache.PathOf(key)));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>What makes copying shard caches into one folder a valid merge: entries hold no path, host or time.</summary>
    [Fact]
    public void An_entry_is_the_same_bytes_wherever_it_is_written()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var key = Key();
        var stores = new[] { new CacheStore(first.Path), new CacheStore(second.Path) };
        foreach (var store in stores) store.Set(key, 0.25, [new CacheBlob("state.bin", stream => stream.WriteByte(7))]);

        Assert.Equal(File.ReadAllBytes(stores[0].PathOf(key)), File.ReadAllBytes(stores[1].PathOf(key)));
        Assert.Equal(Path.GetRelativePath(first.Path, stores[0].PathOf(key)), Path.GetRelativePath(second.Path, stores[1].PathOf(key)));
        Assert.DoesNotContain(first.Path, File.ReadAllText(stores[0].PathOf(key)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncate")]
    [InlineData("tamper")]
    [InlineData("empty")]
    public void A_corrupt_entry_is_reported_and_recomputed(string damage)
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        var cache = new CacheStore(folder.Path, problems.Add);
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

        var runner = new CacheRunner(cache);
        var computed = 0;
        var value = runner.GetOrCompute(key, () => { computed++; return new[] { 1.5, 2.5 }; });

        Assert.Equal(1, computed);
        Assert.False(value.Hit);
        Assert.Equal([1.5, 2.5], value.Value);
        Assert.Equal(("PRAC1030", path), (Assert.Single(problems).Code, problems[0].Path));
        Assert.Equal(value.Value, runner.GetOrCompute(key, () => { computed++; return new[] { 0.0 }; }).Value);
        Assert.Equal(1, computed);
    }

    [Fact]
    public void List_and_clear_work_per_kind()
    {
        using var folder = new TempDirectory();
        var cache = new CacheStore(folder.Path);
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

        // Blobs and temporary files share the folders but are not entries, nor corrupt ones; an entry's size counts its blobs.
        cache.Set(latency, 10.0, [new CacheBlob("extra.json", stream => stream.Write(new byte[100]))]);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(cache.PathOf(latency))!, $".{latency.Hash}.json.1.x.tmp"), "{");
        Assert.Equal(entries.Select(entry => entry.Path), cache.List().Select(entry => entry.Path));
        Assert.Equal(new FileInfo(cache.PathOf(latency)).Length + 100, cache.List("latency").Single().Size);

        Assert.Equal(2, cache.Clear("recoverability"));
        Assert.Equal([latency.Hash], cache.List().Select(entry => entry.Hash));
        Assert.True(cache.Remove(latency));
        Assert.False(File.Exists(cache.BlobPath(latency, "extra.json")));
        Assert.Empty(cache.List());
        Assert.Equal(0, cache.Clear());
    }

    [Fact]
    public async Task Concurrent_writers_with_separate_handles_all_succeed_and_entries_stay_valid()
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        // Each writer has its own CacheStore, hence its own lock-file FileStream, as two processes would.
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            var cache = new CacheStore(folder.Path, problem => { lock (problems) { problems.Add(problem); } });
            for (var i = 0; i < 50; i++)
            {
                var key = Key($"layer{i % 10}");
                cache.Set(key, new { Block = i % 10, Writer = writer });
                cache.TryGet<Dictionary<string, int>>(key, out _);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var entries = new CacheStore(folder.Path).List();
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
        var cache = new CacheStore(folder.Path, lockTimeout: TimeSpan.FromMilliseconds(200));

        Assert.Equal("PRAC1031", Assert.Throws<CacheException>(() => cache.Set(Key(), 1.0)).Code);
    }
}
