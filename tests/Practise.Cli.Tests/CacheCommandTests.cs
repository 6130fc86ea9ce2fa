using Practise.Cache;
using Practise.Manifest;
using Practise.Testing;

namespace Practise.Cli.Tests;

public class CacheCommandTests
{
    private static void AddEntries(string directory)
    {
        var cache = new CacheStore(directory);
        var latency = new LatencySettings(ComputeDevice.Cpu, LatencyRuntime.Libtorch, 8, 1, 3, 60, 2, null);
        cache.Set(LatencyKind.Key("resnet20_cifar", [], [1, 32, 32], latency, "test-machine"), 1.5);
        cache.Set(LatencyKind.Key("resnet20_cifar", ["layer3.2"], [1, 32, 32], latency, "test-machine"), 1.25);
    }

    [Fact]
    public async Task List_shows_entries_and_clear_removes_them()
    {
        using var directory = new TemporaryDirectory();
        AddEntries(directory.Path);

        var listed = await CliRun.Invoke("cache", "list", "--cache-dir", directory.Path, "--json");
        Assert.Equal(ExitCodes.Ok, listed.Exit);
        var entries = listed.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, entry => Assert.Equal("latency", entry.GetProperty("kind").GetString()));
        Assert.All(entries, entry => Assert.True(entry.GetProperty("valid").GetBoolean()));
        Assert.Contains(entries, entry => entry.GetProperty("fields").GetProperty("dropped").GetString() == "[layer3.2]");

        var text = await CliRun.Invoke("cache", "list", "--cache-dir", directory.Path);
        Assert.Contains("2 entries", text.Out, StringComparison.Ordinal);
        Assert.Contains("dropped=[layer3.2]", text.Out, StringComparison.Ordinal);

        var cleared = await CliRun.Invoke("cache", "clear", "--cache-dir", directory.Path);
        Assert.Equal(ExitCodes.Ok, cleared.Exit);
        Assert.Contains("removed 2 entries", cleared.Out, StringComparison.Ordinal);
        Assert.Empty(new CacheStore(directory.Path).List());
    }

    [Fact]
    public async Task Without_cache_dir_the_manifest_cache_setting_is_used_and_its_files_need_not_exist()
    {
        using var directory = new TemporaryDirectory();
        var manifest = directory.File("practise.yaml");
        File.WriteAllText(manifest, "model:\n  arch: resnet20_cifar\n  weights: absent.safetensors\ndata:\n  train: [\"*.png\"]\nbudget:\n  blocks: 1\ncache:\n  dir: my-cache\n");
        AddEntries(directory.File("my-cache"));

        var run = await CliRun.Invoke("cache", "list", manifest, "--json");

        Assert.True(run.Exit == ExitCodes.Ok, run.ToString());
        Assert.Equal(directory.File("my-cache"), run.Json.GetProperty("directory").GetString());
        Assert.Equal(2, run.Json.GetProperty("entries").GetArrayLength());
    }
}
