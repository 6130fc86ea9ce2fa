using System.Globalization;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Testing;

namespace Practise.Core.Tests.Latency;

public class LatencyProfileTests
{
    private static readonly DeviceFingerprint Fingerprint = new("Test CPU @ 1.00GHz", 8, 2, "1.13.1", "cpu");
    private static readonly MeasurementSettings Settings = new(Batch: 64, Channels: 3, Height: 224, Width: 224, Warmup: 1, Repeats: 3, Threads: 2, Seed: 0);

    private static LatencyProfile Sample(string path)
    {
        var profile = LatencyProfile.Create(path, ModelZoo.Original("resnet34"), Fingerprint, Settings);
        profile.Set(["layer3.2", "layer1.1"], new PairedLatency([41.7, 1e-7, 42.25], [0.1, 1.0 / 3, 12345.678901234567]));
        profile.Set(["layer2.1"], new PairedLatency([41.7, 1e-7, 42.25], [40.1, 39.9, 40.0]));
        return profile;
    }

    [Fact]
    public void SavingALoadedProfileGivesIdenticalBytesWithSortedKeysInAnyCulture()
    {
        using var directory = new TemporaryDirectory();
        var first = directory.File("profile.json");
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Sample(first).Save();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var loaded = LatencyProfile.Load(first);
        loaded.Save(directory.File("again.json"));

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(directory.File("again.json")));
        var text = File.ReadAllText(first);
        Assert.Contains("0.3333333333333333,", text, StringComparison.Ordinal);
        Assert.Contains("\"format\": \"practise-latency-profile/v2\"", text, StringComparison.Ordinal);
        Assert.Contains("12345.678901234567", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("\"arch\"", StringComparison.Ordinal) < text.IndexOf("\"batch\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"baseline_ms\"", StringComparison.Ordinal) < text.IndexOf("\"variant_ms\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("\"layer1.1,layer3.2\"", StringComparison.Ordinal) < text.IndexOf("\"layer2.1\"", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(Fingerprint, loaded.Fingerprint);
        Assert.Equal([0.1, 1.0 / 3, 12345.678901234567], loaded.Lookup(["layer1.1", "layer3.2"]).VariantMs);
        Assert.True(loaded.Lookup(["layer3.2", "layer1.1"]).SameRounds(Sample(first).Lookup(["layer1.1", "layer3.2"])));
    }

    [Fact]
    public void AMissingVariantNamesTheFileTheSetAndTheFix()
    {
        var profile = Sample("/ci/resnet34.latency.json");

        var error = Assert.Throws<LatencyProfileException>(() => profile.Lookup(["layer4.1", "layer2.1"]));

        Assert.Equal(
            "latency profile '/ci/resnet34.latency.json' has no measurement for resnet34 with dropped blocks {layer2.1, layer4.1} " +
            "(key \"layer2.1,layer4.1\"); re-run `practise latency` to extend the profile",
            error.Message);
    }

    [Fact]
    public void AProfileForOtherSettingsIsRejectedButAnotherMachineOnlyWhenExtending()
    {
        var profile = Sample("p.json");
        var model = ModelZoo.Original("resnet34");

        profile.CheckCompatible(model, Settings with { Warmup = 9, Repeats = 50, Seed = 4 });
        var batch = Assert.Throws<LatencyProfileException>(() => profile.CheckCompatible(model, Settings with { Batch = 32 }));
        Assert.Contains("batch 64 (requested 32)", batch.Message, StringComparison.Ordinal);
        Assert.Throws<LatencyProfileException>(() => profile.CheckCompatible(ModelZoo.Original("resnet50"), Settings));
        var elsewhere = Fingerprint with { CpuModel = "Other CPU" };
        var extending = Assert.Throws<LatencyProfileException>(() => profile.CheckCompatible(model, Settings, extendingOn: elsewhere));
        Assert.Contains("new profile file", extending.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AProfileTimedInOnnxRuntimeSaysSoAndIsRefusedForLibtorchAndBack()
    {
        using var directory = new TemporaryDirectory();
        var onnx = LatencyProfile.Create(directory.File("onnx.json"), ModelZoo.Original("resnet34"), Fingerprint with { OnnxRuntimeVersion = "1.32.0" }, Settings);
        onnx.Set(["layer2.1"], new PairedLatency([41.7, 42.0, 42.25], [40.1, 39.9, 40.0]));
        var loaded = LatencyProfile.Load(Save(onnx));
        var model = ModelZoo.Original("resnet34");

        Assert.Equal("1.32.0", loaded.Fingerprint.OnnxRuntimeVersion);
        Assert.EndsWith("; timed in onnxruntime 1.32.0", loaded.Fingerprint.Description, StringComparison.Ordinal);
        Assert.NotEqual(Fingerprint.Id, loaded.Fingerprint.Id);
        loaded.CheckCompatible(model, Settings with { Runtime = Practise.Manifest.LatencyRuntime.Onnxruntime });
        var libtorch = Assert.Throws<LatencyProfileException>(() => loaded.CheckCompatible(model, Settings));
        Assert.Contains("runtime onnxruntime (requested libtorch)", libtorch.Message, StringComparison.Ordinal);
        var torchProfile = Sample("p.json");
        Assert.Contains("runtime libtorch (requested onnxruntime)",
            Assert.Throws<LatencyProfileException>(() => torchProfile.CheckCompatible(model, Settings with { Runtime = Practise.Manifest.LatencyRuntime.Onnxruntime })).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableProfileNamesTheFileAndTheField()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("bad.json");
        var json = File.ReadAllText(Save(Sample(path))).Replace("\"batch\": 64", "\"batch\": \"64\"", StringComparison.Ordinal);
        File.WriteAllText(path, json);

        var error = Assert.Throws<LatencyProfileException>(() => LatencyProfile.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'batch' must be an integer", error.Message, StringComparison.Ordinal);
        var unpaired = File.ReadAllText(Save(Sample(path))).Replace("\"variant_ms\": [\n        40.1,", "\"variant_ms\": [", StringComparison.Ordinal);
        File.WriteAllText(path, unpaired);
        Assert.Contains("'variants.layer2.1' must pair baseline_ms and variant_ms round by round", Assert.Throws<LatencyProfileException>(() => LatencyProfile.Load(path)).Message, StringComparison.Ordinal);
        File.WriteAllText(path, "{");
        Assert.Contains(path, Assert.Throws<LatencyProfileException>(() => LatencyProfile.Load(path)).Message, StringComparison.Ordinal);
    }

    private static string Save(LatencyProfile profile)
    {
        profile.Save();
        return profile.Path;
    }
}
