using Practise.Cache;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>
/// CI matrix jobs on different machines each score a shard into their own cache; the final job copies the shard caches
/// into one folder and compresses with a pinned latency profile (the workflow in docs/cache.md).
/// </summary>
public class ShardMergeTests
{
    [Fact]
    public async Task Shard_caches_copied_into_one_folder_let_compress_train_no_scores()
    {
        using var fixture = new EvalFixture();
        var manifest = fixture.File("tiny.yaml");
        File.WriteAllText(manifest, TinyManifest.Yaml("teacher.safetensors", "images.idx", "labels.idx", 16, "blocks: 2", withEval: true)
            .Replace("threads: 1 }", "threads: 1, profile: pinned.json }", StringComparison.Ordinal));
        PinnedProfiles.EverySubset(fixture, fixture.File("pinned.json")).Save();

        foreach (var (shard, cache) in new[] { ("1/2", "cache-a"), ("2/2", "cache-b") })
        {
            var run = await CliRun.Invoke("score", manifest, "--shard", shard, "--cache-dir", fixture.File(cache), "--json");
            Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
            Assert.Equal(3, run.Json.GetArrayLength());
        }
        // With the pinned profile nothing machine-bound is written, and the two shards wrote disjoint entries: the
        // copy order cannot matter, and nothing is overwritten but the lock file.
        var shardFiles = new[] { "cache-a", "cache-b" }.Select(cache => RelativeFiles(fixture.File(cache))).ToList();
        Assert.Equal(".lock", Assert.Single(shardFiles[0].Intersect(shardFiles[1])));
        Assert.All(new[] { "cache-a", "cache-b" }, cache =>
            Assert.All(new CacheStore(fixture.File(cache)).List(), entry => Assert.Equal(RecoverabilityKind.Name, entry.Kind)));
        CopyInto(fixture.File("cache-a"), fixture.File("cache-c"));
        CopyInto(fixture.File("cache-b"), fixture.File("cache-c"));

        var merged = await CliRun.Invoke("compress", manifest, "--cache-dir", fixture.File("cache-c"), "--output", fixture.File("out-c"), "--json");

        Assert.True(merged.Exit == ExitCodes.Ok, merged.ToString());
        var blocks = merged.Json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(6, blocks.Count);
        Assert.All(blocks, block => Assert.True(block.GetProperty("cache_hit").GetBoolean(), block.ToString()));
        Assert.DoesNotContain("blocks cached, training", merged.Error, StringComparison.Ordinal);
        Assert.True(merged.Json.GetProperty("latency").GetProperty("from_profile").GetBoolean());
        // Entries name no path of the machine that wrote them (the eval data, too, is keyed by content, not by path).
        Assert.All(Directory.EnumerateFiles(fixture.File("cache-c"), "*.json", SearchOption.AllDirectories), file =>
            Assert.DoesNotContain(fixture.Directory, File.ReadAllText(file), StringComparison.Ordinal));

        // One unsharded cache decides the same: sharding changed where the scores were computed, not what they are.
        var whole = await CliRun.Invoke("compress", manifest, "--cache-dir", fixture.File("cache-d"), "--output", fixture.File("out-d"), "--json");
        Assert.True(whole.Exit == ExitCodes.Ok, whole.ToString());
        Assert.Equal(whole.DroppedBlocks, merged.DroppedBlocks);
        Assert.Equal(whole.Json.GetProperty("model_sha256").GetString(), merged.Json.GetProperty("model_sha256").GetString());
        foreach (var (block, criterion) in Criteria(whole))
            Assert.Equal(criterion, Criteria(merged)[block], Math.Abs(criterion) * 1e-4);
    }

    /// <summary>What a download of every shard's artifact into one folder does (`cp -r`, actions/download-artifact merge-multiple).</summary>
    private static void CopyInto(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private static HashSet<string> RelativeFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file)).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, double> Criteria(CliRun run) => run.Json.GetProperty("blocks").EnumerateArray()
        .ToDictionary(block => block.GetProperty("block").GetString()!, block => block.GetProperty("criterion").GetDouble());
}
