namespace Practise.Cache.Tests;

/// <summary>The load-or-compute-and-store runner every cached stage goes through.</summary>
public class CacheRunnerTests
{
    private static CacheKey Key(string block) => new CacheKey(RecoverabilityKind.Name).Add("block", block);

    [Fact]
    public void Many_values_compute_only_the_missing_ones_and_store_each_as_it_arrives()
    {
        using var folder = new TempDirectory();
        var runner = new CacheRunner(new CacheStore(folder.Path));
        runner.Store.Set(Key("b"), 20.0);
        var asked = new List<IReadOnlyList<string>>();

        var results = runner.GetOrComputeMany<string, double>(["a", "b", "c"], Key, missing =>
        {
            asked.Add(missing);
            return missing.Select(block => (block, block == "a" ? 10.0 : 30.0));
        });

        Assert.Equal(["a", "c"], Assert.Single(asked));
        Assert.Equal(new Cached<double>(10.0, false), results["a"]);
        Assert.Equal(new Cached<double>(20.0, true), results["b"]);
        Assert.Equal(new Cached<double>(30.0, false), results["c"]);
        var again = runner.GetOrComputeMany<string, double>(["a", "b", "c"], Key, _ => throw new InvalidOperationException("all cached"));
        Assert.All(again.Values, result => Assert.True(result.Hit));
    }

    [Fact]
    public void An_interrupted_computation_keeps_what_it_yielded_before_the_interruption()
    {
        using var folder = new TempDirectory();
        var runner = new CacheRunner(new CacheStore(folder.Path));

        IEnumerable<(string, double)> Interrupted(IReadOnlyList<string> missing)
        {
            yield return (missing[0], 1.0);
            throw new OperationCanceledException();
        }

        Assert.Throws<OperationCanceledException>(() => runner.GetOrComputeMany<string, double>(["a", "b"], Key, Interrupted));
        Assert.True(runner.Store.TryGet<double>(Key("a"), out var stored));
        Assert.Equal(1.0, stored);
        Assert.False(runner.Store.TryGet<double>(Key("b"), out _));
    }

    [Fact]
    public void A_computation_that_skips_an_item_is_an_error_not_a_silent_gap()
    {
        using var folder = new TempDirectory();
        var runner = new CacheRunner(new CacheStore(folder.Path));

        var error = Assert.Throws<InvalidOperationException>(() =>
            runner.GetOrComputeMany<string, double>(["a", "b"], Key, missing => [(missing[0], 1.0)]));
        Assert.Contains("no value for b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blobs_a_stage_rejects_on_restore_are_computed_again()
    {
        using var folder = new TempDirectory();
        var runner = new CacheRunner(new CacheStore(folder.Path));
        var key = new CacheKey(FinetuneKind.Name).Add("model", "m");
        var blob = new CacheBlob(FinetuneKind.WeightsBlob, stream => stream.WriteByte(1));
        runner.GetOrCompute(key, () => new Computed<string>("first", [blob]), (_, _) => true);
        var seen = new List<string>();

        var rejected = runner.GetOrCompute(key, () => new Computed<string>("second", [blob]), (value, blobs) =>
        {
            seen.Add(value);
            return !blobs.TryGetPath(FinetuneKind.WeightsBlob, out _);
        });
        var accepted = runner.GetOrCompute(key, () => new Computed<string>("third", [blob]), (_, blobs) => blobs.TryGetPath(FinetuneKind.WeightsBlob, out _));

        Assert.Equal(["first"], seen);
        Assert.Equal(new Cached<string>("second", false), rejected);
        Assert.Equal(new Cached<string>("second", true), accepted);
    }

    [Fact]
    public async Task Concurrent_extensions_of_one_entry_keep_every_addition()
    {
        using var folder = new TempDirectory();
        var key = new CacheKey(LatencyKind.Name).Add("arch", "resnet18");
        // Each writer has its own store, hence its own lock-file handle, as separate processes would.
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            var runner = new CacheRunner(new CacheStore(folder.Path));
            for (var i = 0; i < 10; i++)
            {
                runner.Extend<List<string>>(key, stored => [.. stored ?? [], $"{writer}.{i}"]);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        Assert.True(new CacheStore(folder.Path).TryGet<List<string>>(key, out var all));
        Assert.Equal(40, all.Distinct().Count());
    }
}
