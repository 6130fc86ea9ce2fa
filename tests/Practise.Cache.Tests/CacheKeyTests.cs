using System.Globalization;
using Practise.Manifest;

namespace Practise.Cache.Tests;

public class CacheKeyTests
{
    private static readonly InputSettings Input = new(3, new ImageSize(224, 224), [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
    private static readonly RecoverabilitySettings Recovery = new(1000, 0.02, 0.9, 1e-4, 64, RecoverabilityStrategy.SharedPrefix, false, 4096, 0);
    private static readonly LatencySettings Timing = new(ComputeDevice.Cpu, LatencyRuntime.Libtorch, 64, 5, 30, 60, 2, null);

    private static CacheKey Recoverability(string model = "m", string block = "layer1.1", string data = "d",
        InputSettings? input = null, bool augment = true, RecoverabilitySettings? settings = null, int seed = 0, string tool = "0.1.0") =>
        RecoverabilityKind.Key(model, block, data, input ?? Input, augment, settings ?? Recovery, seed, tool);

    private static CacheKey Latency(string arch = "resnet34", string[]? dropped = null, int[]? shape = null, LatencySettings? settings = null,
        string fingerprint = "cpu:x86-64:16") =>
        LatencyKind.Key(arch, dropped ?? ["layer1.1"], shape ?? [3, 224, 224], settings ?? Timing, fingerprint);

    public static TheoryData<string, CacheKey> RecoverabilityChanges => new()
    {
        { "model", Recoverability(model: "m2") },
        { "block", Recoverability(block: "layer1.2") },
        { "data", Recoverability(data: "d2") },
        { "input.channels", Recoverability(input: Input with { Channels = 1 }) },
        { "input.size", Recoverability(input: Input with { Size = new ImageSize(224, 192) }) },
        { "input.mean", Recoverability(input: Input with { Mean = [0.5, 0.456, 0.406] }) },
        { "input.std", Recoverability(input: Input with { Std = [0.229, 0.224, 0.226] }) },
        { "augment", Recoverability(augment: false) },
        { "iterations", Recoverability(settings: Recovery with { Iterations = 2000 }) },
        { "lr", Recoverability(settings: Recovery with { Lr = 0.01 }) },
        { "momentum", Recoverability(settings: Recovery with { Momentum = 0.8 }) },
        { "weight-decay", Recoverability(settings: Recovery with { WeightDecay = 0 }) },
        { "batch-size", Recoverability(settings: Recovery with { BatchSize = 32 }) },
        { "seed", Recoverability(seed: 1) },
        { "tool", Recoverability(tool: "0.2.0") },
    };

    public static TheoryData<string, CacheKey> LatencyChanges => new()
    {
        { "arch", Latency(arch: "resnet50") },
        { "dropped", Latency(dropped: ["layer1.2"]) },
        { "input-shape", Latency(shape: [3, 192, 192]) },
        { "batch", Latency(settings: Timing with { Batch = 32 }) },
        { "device", Latency(settings: Timing with { Device = ComputeDevice.Cuda }) },
        { "fingerprint", Latency(fingerprint: "cpu:arm64:8") },
        { "threads", Latency(settings: Timing with { Threads = 4 }) },
        { "warmup", Latency(settings: Timing with { Warmup = 1 }) },
        { "repeats", Latency(settings: Timing with { Repeats = 100 }) },
    };

    private static readonly FinetuneSettings Tuning = new(FinetuneMode.Features, 500, 0.01, 0.9, 1e-4, 32);

    private static CacheKey Finetune(string model = "m", string data = "d", string[]? dropped = null, InputSettings? input = null, bool augment = true,
        int seed = 0, FinetuneSettings? settings = null, string eval = "idx:e", int? evalLimit = null, int threads = 2, string tool = "0.1.0") =>
        FinetuneKind.Key(model, data, dropped ?? ["layer1.1", "layer2.1"], input ?? Input, augment, seed, settings ?? Tuning, eval, evalLimit, threads, tool);

    public static TheoryData<string, CacheKey> FinetuneChanges => new()
    {
        { "model", Finetune(model: "m2") },
        { "data", Finetune(data: "d2") },
        { "dropped", Finetune(dropped: ["layer1.1"]) },
        { "input.channels", Finetune(input: Input with { Channels = 1 }) },
        { "input.size", Finetune(input: Input with { Size = new ImageSize(224, 192) }) },
        { "input.mean", Finetune(input: Input with { Mean = [0.5, 0.456, 0.406] }) },
        { "input.std", Finetune(input: Input with { Std = [0.229, 0.224, 0.226] }) },
        { "augment", Finetune(augment: false) },
        { "seed", Finetune(seed: 1) },
        { "mode", Finetune(settings: Tuning with { Mode = FinetuneMode.CrossEntropy }) },
        { "iterations", Finetune(settings: Tuning with { Iterations = 100 }) },
        { "lr", Finetune(settings: Tuning with { Lr = 0.02 }) },
        { "momentum", Finetune(settings: Tuning with { Momentum = 0.8 }) },
        { "weight-decay", Finetune(settings: Tuning with { WeightDecay = 0 }) },
        { "batch-size", Finetune(settings: Tuning with { BatchSize = 16 }) },
        { "eval", Finetune(eval: "idx:other content") },
        { "eval.limit", Finetune(evalLimit: 100) },
        { "threads", Finetune(threads: 4) },
        { "tool", Finetune(tool: "0.2.0") },
    };

    [Theory]
    [MemberData(nameof(FinetuneChanges))]
    public void Each_finetune_part_changes_the_key(string part, CacheKey changed) => ChangesOnly(Finetune(), changed, part);

    [Fact]
    public void A_thinned_students_finetune_key_adds_its_starting_weights_and_a_block_key_stays_as_it_was()
    {
        var blocksOnly = Finetune();
        var thinned = FinetuneKind.Key("m", "d", ["layer1.1", "layer2.1"], Input, true, 0, Tuning, "idx:e", null, 2, "0.1.0", studentHash: "s");
        var other = FinetuneKind.Key("m", "d", ["layer1.1", "layer2.1"], Input, true, 0, Tuning, "idx:e", null, 2, "0.1.0", studentHash: "s2");

        Assert.DoesNotContain("student", blocksOnly.Fields.Keys);
        Assert.Equal("s", thinned.Fields["student"]);
        Assert.NotEqual(blocksOnly.Hash, thinned.Hash);
        ChangesOnly(thinned, other, "student");
    }

    private static CacheKey Statistics(string model = "m", string[]? dropped = null, string data = "d", InputSettings? input = null, int batchSize = 64,
        int threads = 2, string tool = "0.1.0") =>
        ChannelStatisticsKind.Key(model, dropped ?? [], data, input ?? Input, batchSize, threads, tool);

    public static TheoryData<string, CacheKey> StatisticsChanges => new()
    {
        { "model", Statistics(model: "m2") },
        { "dropped", Statistics(dropped: ["layer1.1"]) },
        { "data", Statistics(data: "d2") },
        { "input.size", Statistics(input: Input with { Size = new ImageSize(224, 192) }) },
        { "batch-size", Statistics(batchSize: 8) },
        { "threads", Statistics(threads: 4) },
        { "tool", Statistics(tool: "0.2.0") },
    };

    [Theory]
    [MemberData(nameof(StatisticsChanges))]
    public void Each_channel_statistics_part_changes_the_key(string part, CacheKey changed) => ChangesOnly(Statistics(), changed, part);

    [Fact]
    public void Checkpoint_keys_follow_the_group_and_its_recoverability_keys()
    {
        var keys = new[] { Recoverability(block: "layer1.1"), Recoverability(block: "layer1.2") };
        var checkpoint = CheckpointKind.Key(["layer1.1", "layer1.2"], keys);

        Assert.Equal($"[{keys[0].Hash}, {keys[1].Hash}]", checkpoint.Fields["recoverability"]);
        Assert.NotEqual(checkpoint.Hash, CheckpointKind.Key(["layer1.1", "layer1.2"], [keys[0], Recoverability(block: "layer1.2", seed: 1)]).Hash);
        Assert.NotEqual(checkpoint.Hash, CheckpointKind.Key(["layer1.1"], keys.Take(1)).Hash);
    }

    /// <summary>A comma-decimal culture must not change any key: the fields are culture-invariant text and exact bits.</summary>
    [Fact]
    public void Keys_are_the_same_under_a_comma_decimal_culture()
    {
        var invariant = new[] { Recoverability(), Latency(), Finetune() }.Select(key => (key.Hash, key.Fields)).ToList();
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("0,5", 0.5.ToString(CultureInfo.CurrentCulture));
            var german = new[] { Recoverability(), Latency(), Finetune() }.Select(key => (key.Hash, key.Fields)).ToList();
            Assert.Equal(invariant.Select(key => key.Hash), german.Select(key => key.Hash));
            Assert.Equal(invariant.Select(key => key.Fields), german.Select(key => key.Fields));
            Assert.Equal("[0.485, 0.456, 0.406]", german[2].Fields["input.mean"]);
            Assert.Equal("0.01", german[2].Fields["lr"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [MemberData(nameof(RecoverabilityChanges))]
    public void Each_recoverability_part_changes_the_key(string part, CacheKey changed) => ChangesOnly(Recoverability(), changed, part);

    [Theory]
    [MemberData(nameof(LatencyChanges))]
    public void Each_latency_part_changes_the_key(string part, CacheKey changed) => ChangesOnly(Latency(), changed, part);

    [Fact]
    public void Settings_outside_a_recipe_do_not_change_it()
    {
        Assert.Equal(Recoverability().Hash, Recoverability(settings: Recovery with { Strategy = RecoverabilityStrategy.Full, IncludeFirstBlock = true, MemoryCapMb = 100, ParallelBlocks = 3 }).Hash);
        Assert.Equal(Latency().Hash, Latency(settings: Timing with { Profile = "/p.json" }).Hash);
        Assert.Equal(Latency(dropped: ["a", "b"]).Hash, Latency(dropped: ["b", "a"]).Hash);
    }

    [Fact]
    public void Encoding_is_canonical_and_unambiguous()
    {
        Assert.Equal(new CacheKey("k").Add("a", "1").Add("b", 2).Hash, new CacheKey("k").Add("b", 2).Add("a", "1").Hash);
        Assert.NotEqual(new CacheKey("k").Add("a", 1).Hash, new CacheKey("k").Add("a", "1").Hash);
        Assert.NotEqual(new CacheKey("k").Add("a", ["ab", "c"]).Hash, new CacheKey("k").Add("a", ["a", "bc"]).Hash);
        Assert.NotEqual(new CacheKey("k").Add("ab", "c").Hash, new CacheKey("k").Add("a", "bc").Hash);
        Assert.NotEqual(new CacheKey("k").Add("a", "1").Hash, new CacheKey("j").Add("a", "1").Hash);
        Assert.Equal(new CacheKey("k").Add("x", 0.0).Hash, new CacheKey("k").Add("x", -0.0).Hash);
        Assert.Throws<ArgumentException>(() => new CacheKey("k").Add("a", 1).Add("a", 2));
        Assert.Throws<ArgumentException>(() => new CacheKey("../escape"));
    }

    [Fact]
    public void Hash_is_pinned()
    {
        // SHA-256 of the documented encoding (docs/cache.md), computed independently with Python's hashlib.
        Assert.Equal(PinnedHash, new CacheKey("latency").Add("arch", "resnet18").Add("batch", 64).Hash);
    }

    private const string PinnedHash = "5df0da3f637ce8ef01b35ae30be1d36002fc7e706c4c1aba50c660deac6cb472";

    private static void ChangesOnly(CacheKey baseline, CacheKey changed, string part)
    {
        Assert.NotEqual(baseline.Hash, changed.Hash);
        var differing = baseline.Fields.Where(field => changed.Fields[field.Key] != field.Value).Select(field => field.Key);
        Assert.Equal([part], differing);
    }
}
