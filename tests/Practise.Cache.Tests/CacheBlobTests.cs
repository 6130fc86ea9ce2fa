using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Practise.Cache.Tests;

/// <summary>Blobs attached to entries: written before the entry, checked on every read, damage read as a miss.</summary>
public class CacheBlobTests
{
    private static readonly CacheKey Key = new CacheKey(FinetuneKind.Name).Add("model", "m");

    private static CacheBlob Blob(string name, string text) => new(name, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Blobs_round_trip_beside_their_entry()
    {
        using var folder = new TempDirectory();
        var cache = new CacheStore(folder.Path);

        cache.Set(Key, 0.5, [Blob(FinetuneKind.WeightsBlob, "weights"), Blob("extra.bin", "more")]);

        Assert.True(cache.TryGet<double>(Key, out var value, out var blobs));
        Assert.Equal(0.5, value);
        Assert.Equal(["extra.bin", FinetuneKind.WeightsBlob], blobs.Names.Order(StringComparer.Ordinal));
        Assert.True(blobs.TryGetPath(FinetuneKind.WeightsBlob, out var path));
        Assert.Equal(Path.Combine(Path.GetDirectoryName(cache.PathOf(Key))!, $"{Key.Hash}.{FinetuneKind.WeightsBlob}"), path);
        Assert.Equal("weights", File.ReadAllText(path));
        Assert.False(blobs.TryGetPath("absent", out _));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("delete")]
    public void A_damaged_blob_is_a_miss_with_a_warning_and_is_replaced_by_the_recomputed_one(string damage)
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        var runner = new CacheRunner(new CacheStore(folder.Path, problems.Add));
        runner.Store.Set(Key, 1, [Blob(FinetuneKind.WeightsBlob, "weights")]);
        var blob = runner.Store.BlobPath(Key, FinetuneKind.WeightsBlob);
        switch (damage)
        {
            case "flip":
                File.WriteAllText(blob, "weighTs");
                break;
            case "truncate":
                File.WriteAllText(blob, "weig");
                break;
            default:
                File.Delete(blob);
                break;
        }

        var computed = runner.GetOrCompute(Key, () => new Computed<int>(2, [Blob(FinetuneKind.WeightsBlob, "weights 2")]), (_, _) => true);

        Assert.Equal(new Cached<int>(2, Hit: false), computed);
        var problem = Assert.Single(problems);
        Assert.Equal(("PRAC1030", runner.Store.PathOf(Key)), (problem.Code, problem.Path));
        Assert.Contains($"blob {FinetuneKind.WeightsBlob}", problem.Message, StringComparison.Ordinal);
        Assert.Equal("weights 2", File.ReadAllText(blob));
        Assert.Equal(new Cached<int>(2, Hit: true), runner.GetOrCompute(Key, () => new Computed<int>(3, []), (_, _) => true));
        Assert.Single(problems);
    }

    [Fact]
    public void Editing_the_blob_list_in_the_entry_fails_its_checksum()
    {
        using var folder = new TempDirectory();
        var problems = new List<CacheProblem>();
        var cache = new CacheStore(folder.Path, problems.Add);
        cache.Set(Key, 1, [Blob(FinetuneKind.WeightsBlob, "weights")]);
        File.WriteAllText(cache.BlobPath(Key, FinetuneKind.WeightsBlob), "forged!");
        // The forged blob has the recorded size; only its recorded SHA-256 is changed to match, not the entry's checksum.
        var entry = JsonNode.Parse(File.ReadAllText(cache.PathOf(Key)))!;
        entry["blobs"]![FinetuneKind.WeightsBlob]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("forged!")));
        File.WriteAllText(cache.PathOf(Key), entry.ToJsonString());

        Assert.False(cache.TryGet<int>(Key, out _));
        Assert.Contains("checksum mismatch", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriting_an_entry_deletes_the_blobs_it_no_longer_lists_and_remove_deletes_the_rest()
    {
        using var folder = new TempDirectory();
        var cache = new CacheStore(folder.Path);
        cache.Set(Key, 2, [Blob(CheckpointKind.StateBlob(2), "at 2")]);
        cache.Set(Key, 4, [Blob(CheckpointKind.StateBlob(4), "at 4")]);

        Assert.False(File.Exists(cache.BlobPath(Key, CheckpointKind.StateBlob(2))));
        Assert.True(cache.TryGet<int>(Key, out var iteration, out var blobs));
        Assert.Equal(4, iteration);
        Assert.Equal(CheckpointKind.StateBlob(4), Assert.Single(blobs.Names));

        Assert.True(cache.Remove(Key));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, Key.Hash + "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_blob_that_fails_to_write_leaves_the_previous_entry_and_its_blobs_as_they_were()
    {
        using var folder = new TempDirectory();
        var cache = new CacheStore(folder.Path);
        cache.Set(Key, 1, [Blob(FinetuneKind.WeightsBlob, "weights")]);

        Assert.Throws<IOException>(() => cache.Set(Key, 2, [new CacheBlob(FinetuneKind.WeightsBlob, stream =>
        {
            stream.Write(new byte[10]);
            throw new IOException("disk full");
        })]));

        Assert.True(cache.TryGet<int>(Key, out var value, out _));
        Assert.Equal(1, value);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("json")]
    [InlineData("../escape")]
    [InlineData("Upper")]
    public void Blob_names_are_checked(string name) =>
        Assert.Throws<ArgumentException>(() => new CacheStore(Path.GetTempPath()).BlobPath(Key, name));
}
