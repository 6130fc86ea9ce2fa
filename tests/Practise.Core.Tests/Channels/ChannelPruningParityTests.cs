using Practise.Contract;
using Practise.Core.Channels;
using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Manifest;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Channels;

/// <summary>
/// Variance-based channel pruning against tests/fixtures/make_channel_pruning.py, which implements the statistics,
/// ranking (per layer and global), pruning and compensation in PyTorch on a seeded resnet20_cifar (1 channel, 16×16, ratio 0.25).
/// </summary>
public class ChannelPruningParityTests
{
    private const double Ratio = 0.25;
    private const int BatchSize = 8;

    [Fact]
    public void Statistics_and_chosen_channels_match_PyTorch()
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);

        var statistics = ChannelStatistics.Collect(teacher, Batches(fixture));
        var pruning = VarianceRanking.Select(statistics, Ratio);

        Assert.Equal(9, statistics.Count);
        foreach (var layer in statistics)
        {
            TensorAssert.Close(fixture[$"mean.{layer.Layer}"], tensor(layer.Mean.ToArray()), rtol: 1e-5, atol: 1e-7, what: $"{layer.Layer} mean");
            TensorAssert.Close(fixture[$"variance.{layer.Layer}"], tensor(layer.Variance.ToArray()), rtol: 1e-5, atol: 1e-7, what: $"{layer.Layer} variance");
            Assert.Equal(16 * 16 * 16 / (layer.Layer.StartsWith("layer1", StringComparison.Ordinal) ? 1 : layer.Layer.StartsWith("layer2", StringComparison.Ordinal) ? 4 : 16), layer.Count);
        }
        foreach (var layer in pruning)
        {
            Assert.Equal(fixture[$"kept.{layer.Layer}"].data<long>().ToArray(), layer.Kept);
            Assert.Equal(layer.Width - (long)Math.Floor(Ratio * layer.Width), layer.Kept.Count);
        }
    }

    [Fact]
    public void The_global_ranking_chooses_the_channels_PyTorch_chooses()
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);

        var pruning = VarianceRanking.SelectGlobal(ChannelStatistics.Collect(teacher, Batches(fixture)), ReaderGain.Of(teacher), Ratio);

        foreach (var layer in pruning) Assert.Equal(fixture[$"kept_global.{layer.Layer}"].data<long>().ToArray(), layer.Kept);
        Assert.Equal((long)Math.Floor(Ratio * 336), pruning.Sum(layer => layer.Removed.Count));
        // The formula weights make layer1's channels the cheapest to lose: the quota empties them down to one each.
        Assert.Single(pruning.Single(layer => layer.Layer == "layer1.0.conv1").Kept);
    }

    [Fact]
    public void Globally_pruned_compensated_logits_match_PyTorch()
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);
        var pruning = VarianceRanking.SelectGlobal(ChannelStatistics.Collect(teacher, Batches(fixture)), ReaderGain.Of(teacher), Ratio);

        using var pruned = ChannelSurgery.Prune(teacher, pruning, compensate: true);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var magnitude = fixture["logits.global_compensated"].abs().max();
        TensorAssert.Close(fixture["logits.global_compensated"], pruned.call(fixture["input"]), rtol: 1e-5, atol: 1e-5 * magnitude.ToDouble(), what: "logits.global_compensated");
    }

    [Theory]
    [InlineData(true, "logits.compensated")]
    [InlineData(false, "logits.uncompensated")]
    public void Pruned_logits_match_PyTorch(bool compensate, string expected)
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);
        var pruning = VarianceRanking.Select(ChannelStatistics.Collect(teacher, Batches(fixture)), Ratio);

        using var pruned = ChannelSurgery.Prune(teacher, pruning, compensate);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var magnitude = fixture[expected].abs().max();
        TensorAssert.Close(fixture[expected], pruned.call(fixture["input"]), rtol: 1e-5, atol: 1e-5 * magnitude.ToDouble(), what: expected);
        Assert.Equal(pruning.Select(layer => layer.Kept.Count), ((IEnumerable<long>)pruned.Architecture.HiddenWidths!.Values).Select(width => (int)width));
    }

    [Fact]
    public void Compensated_model_is_closer_to_the_teacher_before_finetuning()
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);
        var pruning = VarianceRanking.Select(ChannelStatistics.Collect(teacher, Batches(fixture)), Ratio);
        using var compensated = ChannelSurgery.Prune(teacher, pruning, compensate: true);
        using var uncompensated = ChannelSurgery.Prune(teacher, pruning, compensate: false);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var target = teacher.call(fixture["input"]);
        var compensatedError = (compensated.call(fixture["input"]) - target).square().mean().ToDouble();
        var uncompensatedError = (uncompensated.call(fixture["input"]) - target).square().mean().ToDouble();

        Assert.True(compensatedError < 0.5 * uncompensatedError, $"logit MSE: compensated {compensatedError}, uncompensated {uncompensatedError}");
    }

    [Fact]
    public void Thinned_model_saves_reloads_and_exports_with_its_widths()
    {
        using var fixture = Fixtures.Load("channels/resnet20_cifar.safetensors");
        using var teacher = Teacher(fixture);
        using var thinned = ChannelSurgery.Prune(teacher, VarianceRanking.Select(ChannelStatistics.Collect(teacher, Batches(fixture)), Ratio), compensate: true);
        using var directory = new TemporaryDirectory();

        PrunedModelFiles.Save(thinned, directory.Path, new InputSettings(1, new ImageSize(16, 16), [0.5], [0.5]));
        using var loaded = PrunedModelFiles.Load(directory.Path);

        Assert.Equal(thinned.Architecture, loaded.Architecture);
        Assert.Equal(12, loaded.Architecture.HiddenWidths!["layer1.0.conv1"]);
        Assert.Equal(ModelHash.Compute(thinned), ModelHash.Compute(loaded));
        Assert.Contains("\"hidden_widths\"", File.ReadAllText(Path.Combine(directory.Path, ArtifactNames.Descriptor)), StringComparison.Ordinal);
        using var _ = no_grad();
        using var expected = thinned.call(fixture["input"]);
        using var onnx = new OnnxRuntimeModel(File.ReadAllBytes(Path.Combine(directory.Path, ArtifactNames.Onnx)));
        using var actual = onnx.call(fixture["input"]);
        TensorAssert.Close(expected, actual, rtol: 1e-4, atol: 1e-4, what: "ONNX Runtime logits of the thinned model");
    }

    /// <summary>The fixture's teacher: formula convs and fc, the stored (seeded, recalibrated) BatchNorms.</summary>
    internal static PrunableModel Teacher(FixtureSet fixture)
    {
        var teacher = ModelFixtures.CreateWithFormulaWeights("resnet20_cifar");
        const string prefix = "state.";
        StateDicts.Load(teacher, fixture.Names.Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(name => name[prefix.Length..], name => fixture[name]), strict: false);
        return teacher;
    }

    internal static IEnumerable<Tensor> Batches(FixtureSet fixture) => fixture["input"].split(BatchSize);
}
