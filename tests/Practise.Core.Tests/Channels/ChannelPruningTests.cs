using System.Text.Json;
using Practise.Core.Channels;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Core.Pipeline;
using Practise.Testing;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Channels;

/// <summary>Channel pruning's contract beyond the PyTorch parity: exactness after 1×1 convs, bad input, descriptors, a trained teacher.</summary>
public class ChannelPruningTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_ratio_outside_zero_to_one_is_refused(double ratio)
    {
        var layers = new[] { new LayerStatistics("layer1.0.conv1", [0.1, 0.2], [1.0, 2.0], 10) };

        var gains = new Dictionary<string, IReadOnlyList<double>> { ["layer1.0.conv1"] = [1.0, 1.0] };

        Assert.Equal("ratio", Assert.Throws<ArgumentOutOfRangeException>(() => VarianceRanking.Select(layers, ratio)).ParamName);
        Assert.Equal("ratio", Assert.Throws<ArgumentOutOfRangeException>(() => VarianceRanking.SelectGlobal(layers, gains, ratio)).ParamName);
    }

    [Fact]
    public void The_global_ranking_weighs_variance_by_gain_across_layers_and_never_empties_a_layer()
    {
        // Scores (variance · gain): a = [3, 0.5, 8], b = [0.2, 0.1]. Half of the 5 channels: the two smallest, b's, but
        // b keeps one, so b.1 (0.1) and a.1 (0.5) go.
        var layers = new[]
        {
            new LayerStatistics("layer1.0.conv1", [0.1, 0.2, 0.3], [3.0, 1.0, 2.0], 10),
            new LayerStatistics("layer1.1.conv1", [0.4, 0.5], [2.0, 1.0], 10),
        };
        var gains = new Dictionary<string, IReadOnlyList<double>> { ["layer1.0.conv1"] = [1.0, 0.5, 4.0], ["layer1.1.conv1"] = [0.1, 0.1] };

        var pruning = VarianceRanking.SelectGlobal(layers, gains, 0.5);

        Assert.Equal([0, 2], pruning[0].Kept);
        Assert.Equal([0.2], pruning[0].RemovedMeans);
        Assert.Equal([0], pruning[1].Kept);
        Assert.Equal([1], pruning[1].Removed);
        Assert.All(VarianceRanking.SelectGlobal(layers, gains, 0.99), layer => Assert.Single(layer.Kept));
    }

    [Fact]
    public void A_small_ratio_keeps_every_channel_and_a_large_one_never_empties_a_layer()
    {
        var layers = new[] { new LayerStatistics("layer1.0.conv1", [0.1, 0.2, 0.3], [3.0, 1.0, 2.0], 10) };

        Assert.Equal([0, 1, 2], VarianceRanking.Select(layers, 0.1)[0].Kept);
        var pruned = VarianceRanking.Select(layers, 0.99)[0];
        Assert.Equal([0], pruned.Kept);
        Assert.Equal([1, 2], pruned.Removed);
        Assert.Equal([0.2, 0.3], pruned.RemovedMeans);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(3L)]
    public void A_width_of_zero_or_beyond_the_layer_is_refused(long width)
    {
        var layers = new[] { new LayerStatistics("layer1.0.conv1", [0.1, 0.2], [1.0, 2.0], 10) };

        var error = Assert.Throws<ArgumentException>(() => VarianceRanking.SelectWidths(layers, new Dictionary<string, long> { ["layer1.0.conv1"] = width }));

        Assert.Contains("layer1.0.conv1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptors_refuse_empty_or_unknown_hidden_layers_and_drop_widths_with_their_block()
    {
        var original = ModelZoo.Original("resnet20_cifar", 10, 1);

        var zero = Assert.Throws<FormatException>(() => ModelZoo.WithHiddenWidths(original, new Dictionary<string, long> { ["layer2.1.conv1"] = 0 }));
        Assert.Contains("at least 1", zero.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ModelZoo.WithHiddenWidths(original, new Dictionary<string, long> { ["layer2.1.conv1"] = 33 }));
        Assert.Throws<ArgumentException>(() => ModelZoo.WithHiddenWidths(original, new Dictionary<string, long> { ["layer2.1.conv2"] = 8 }));
        var json = original.ToJson().Replace("\"dropped_blocks\": []", "\"dropped_blocks\": [], \"hidden_widths\": { \"layer1.1.conv1\": 0 }", StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => ArchitectureDescriptor.FromJson(json));

        var thinned = ModelZoo.WithHiddenWidths(original, new Dictionary<string, long> { ["layer3.2.conv1"] = 5, ["layer1.1.conv1"] = 16, ["layer2.1.conv1"] = 7 });
        Assert.Equal(["layer2.1.conv1", "layer3.2.conv1"], thinned.HiddenWidths!.Keys);
        Assert.Equal(thinned, ArchitectureDescriptor.FromJson(thinned.ToJson()));
        var dropped = ModelZoo.Without(thinned, ["layer2.1"]);
        Assert.Equal(["layer3.2.conv1"], dropped.HiddenWidths!.Keys);
        Assert.Null(ModelZoo.Without(dropped, ["layer3.2"]).HiddenWidths);
    }

    /// <summary>
    /// A descriptor's hidden_widths build exactly the state_dict keys and shapes of torchvision's model thinned by
    /// docs/pruned-models.md's recipe (tests/fixtures/channels/keys.json), so PyTorch loads our weights strictly.
    /// </summary>
    [Theory]
    [InlineData("resnet50")]
    [InlineData("mobilenet_v2")]
    public void Thinned_architectures_have_the_PyTorch_recipes_keys_and_shapes(string arch)
    {
        var entry = JsonDocument.Parse(File.ReadAllText(Fixtures.PathOf("channels/keys.json"))).RootElement.GetProperty(arch);
        var widths = entry.GetProperty("hidden_widths").EnumerateObject().ToDictionary(pair => pair.Name, pair => pair.Value.GetInt64());
        var expected = entry.GetProperty("keys").EnumerateArray()
            .Select(item => $"{item[0].GetString()} [{string.Join(", ", item[1].EnumerateArray().Select(size => size.GetInt64()))}]").ToList();

        using var model = ModelZoo.Create(ModelZoo.WithHiddenWidths(ModelZoo.Original(arch, 10), widths));

        Assert.Equal(expected, ModelFixtures.Shapes(model));
    }

    /// <summary>
    /// Where a 1×1 conv reads the hidden channels (a Bottleneck's conv2 → conv3, an inverted residual's expanded channels
    /// → the projection) a constant channel adds the same to every position, so compensation is exact: the thinned
    /// model equals the teacher with the removed channels held at their means. The thinned model also exports to ONNX.
    /// </summary>
    [Theory]
    [InlineData("resnet50", ".conv2", 16, "layer1.0.conv2", 32)]
    [InlineData("mobilenet_v2", ".conv.0.0", 16, "features.2.conv.0.0", 48)]
    public void Compensation_is_exact_where_a_1x1_conv_reads_the_channels(string arch, string hiddenConv, int layers, string someLayer, long itsWidth)
    {
        using var teacher = ModelZoo.Create(arch, 10);
        teacher.eval();
        using var images = Seeded(4, 3, 32, 32);
        var statistics = ChannelStatistics.Collect(teacher, [images]);
        var widths = statistics.Where(layer => layer.Layer.EndsWith(hiddenConv, StringComparison.Ordinal))
            .ToDictionary(layer => layer.Layer, layer => (long)layer.Mean.Count / 2);
        var pruning = VarianceRanking.SelectWidths(statistics, widths);

        using var thinned = ChannelSurgery.Prune(teacher, pruning, compensate: true);

        using var _ = no_grad();
        using var expected = MeanReplaced(teacher, pruning, images);
        using var actual = thinned.call(images);
        using var magnitude = expected.abs().max();
        TensorAssert.Close(expected, actual, rtol: 1e-4, atol: 1e-5 * magnitude.ToDouble(), what: "thinned vs mean-replaced logits");
        Assert.Equal(layers, thinned.Architecture.HiddenWidths!.Count);
        Assert.Equal(itsWidth, thinned.Architecture.HiddenWidths[someLayer]);
        using var onnx = new OnnxRuntimeModel(OnnxExport.ToBytes(thinned, 32, 32));
        using var fromOnnx = onnx.call(images);
        TensorAssert.Close(actual, fromOnnx, rtol: 1e-4, atol: 1e-4 * magnitude.ToDouble(), what: "ONNX Runtime vs libtorch");
    }

    /// <summary>
    /// The example's trained Fashion-MNIST teacher, a quarter of every hidden layer removed by the statistics of 100
    /// training images: before any finetuning the compensated model has the higher top-1 on 1000 test images (83.4% vs
    /// 74.1%, the teacher 93.6%), agrees with the teacher's class more often and is closer in KL divergence. Its logits'
    /// squared error is larger (8.2 vs 6.1): the border overshoot (docs/channel-pruning.md) inflates them, which the
    /// softmax forgives more than the missing means.
    /// </summary>
    [Fact]
    public void Compensation_beats_no_compensation_on_the_example_teacher()
    {
        using var example = new ExampleTeacher();
        var (teacher, testImages, labels) = (example.Teacher, example.TestImages, example.Labels);
        var pruning = VarianceRanking.Select(example.Statistics, 0.25);
        using var compensated = ChannelSurgery.Prune(teacher, pruning, compensate: true);
        using var uncompensated = ChannelSurgery.Prune(teacher, pruning, compensate: false);

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (target, withMeans, withoutMeans) = (teacher.call(testImages), compensated.call(testImages), uncompensated.call(testImages));
        double Top1(Tensor logits) => logits.argmax(1).eq(labels).to(float64).mean().ToDouble();
        double Agreement(Tensor logits) => logits.argmax(1).eq(target.argmax(1)).to(float64).mean().ToDouble();
        double Divergence(Tensor logits) => nn.functional.kl_div(logits.log_softmax(1), target.log_softmax(1), reduction: nn.Reduction.Mean, log_target: true).ToDouble();
        double SquaredError(Tensor logits) => (logits - target).square().mean().ToDouble();
        output.WriteLine($"top-1: teacher {Top1(target):P1}, compensated {Top1(withMeans):P1}, uncompensated {Top1(withoutMeans):P1}; " +
            $"agreement with the teacher {Agreement(withMeans):P1} vs {Agreement(withoutMeans):P1}; KL {Divergence(withMeans):F4} vs {Divergence(withoutMeans):F4}; " +
            $"logit MSE {SquaredError(withMeans):F3} vs {SquaredError(withoutMeans):F3}");

        Assert.True(Top1(withMeans) > Top1(withoutMeans) + 0.05, $"top-1 compensated {Top1(withMeans)}, uncompensated {Top1(withoutMeans)}");
        Assert.True(Agreement(withMeans) > Agreement(withoutMeans));
        Assert.True(Divergence(withMeans) < Divergence(withoutMeans));
    }

    /// <summary>
    /// Why the global ranking is the default (docs/channel-pruning.md, section 2): on the example teacher, 40% of the
    /// hidden channels removed by it keeps the network working before finetuning (82.5% top-1 on 2000 test images,
    /// benchmarks/ChannelCompensation), where 40% of every layer leaves it at 51%; the global cut is also no slower.
    /// </summary>
    [Fact]
    public void The_global_ranking_keeps_the_example_teacher_working_where_a_per_layer_cut_breaks_it()
    {
        using var example = new ExampleTeacher();
        using var global = ChannelSurgery.Prune(example.Teacher, VarianceRanking.SelectGlobal(example.Statistics, ReaderGain.Of(example.Teacher), 0.4), compensate: true);
        using var perLayer = ChannelSurgery.Prune(example.Teacher, VarianceRanking.Select(example.Statistics, 0.4), compensate: true);

        var (globalTop1, perLayerTop1) = (Inference.Evaluate(global, example.TestImages, example.Labels).Top1, Inference.Evaluate(perLayer, example.TestImages, example.Labels).Top1);
        output.WriteLine($"40% of the hidden channels removed, before finetuning: global {globalTop1:P1}, per layer {perLayerTop1:P1}");

        Assert.True(globalTop1 > perLayerTop1 + 0.15, $"top-1 global {globalTop1}, per layer {perLayerTop1}");
    }

    /// <summary>The example's teacher in eval mode, channel statistics over 100 training images, the first 1000 test images.</summary>
    private sealed class ExampleTeacher : IDisposable
    {
        private const string Datasets = "/usr/share/datasets/fashion-mnist/";

        public ExampleTeacher()
        {
            Teacher = TeacherLoader.Load("resnet32_cifar", Repository.File("examples/fashion-mnist/teacher.safetensors"), 10, 1);
            Teacher.eval();
            using var train = Normalized(ImageSet.FromIdx(Datasets + "train-images-idx3-ubyte.gz", indices: Enumerable.Range(0, 100).ToArray()));
            Statistics = ChannelStatistics.Collect(Teacher, train.split(50));
            using var test = ImageSet.FromIdx(Datasets + "t10k-images-idx3-ubyte.gz", Datasets + "t10k-labels-idx1-ubyte.gz", Enumerable.Range(0, 1000).ToArray());
            TestImages = Normalized(test);
            Labels = tensor(test.Labels!.ToArray());
        }

        public PrunableModel Teacher { get; }

        public IReadOnlyList<LayerStatistics> Statistics { get; }

        public Tensor TestImages { get; }

        public Tensor Labels { get; }

        public void Dispose()
        {
            Labels.Dispose();
            TestImages.Dispose();
            Teacher.Dispose();
        }
    }

    /// <summary>The teacher's logits with each removed channel replaced by its mean where its consumer reads it.</summary>
    private static Tensor MeanReplaced(PrunableModel teacher, IReadOnlyList<LayerPruning> pruning, Tensor input)
    {
        var byLayer = pruning.ToDictionary(layer => layer.Layer, StringComparer.Ordinal);
        var hooks = ChannelStatistics.HiddenLayers(teacher).Where(bound => byLayer[bound.Name].Removed.Count > 0).Select(bound =>
        {
            var layer = byLayer[bound.Name];
            return new HookHandle(bound.Consumer.register_forward_pre_hook((_, hidden) =>
            {
                var replaced = hidden.clone();
                for (var i = 0; i < layer.Removed.Count; i++) replaced[.., layer.Removed[i]].fill_(layer.RemovedMeans[i]);
                return replaced;
            }).remove);
        }).ToList();
        try
        {
            return teacher.call(input);
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
        }
    }

    private static Tensor Seeded(params long[] shape)
    {
        using var generator = new Generator(17);
        return randn(shape, generator: generator);
    }

    /// <summary>The example's input transform: pixels / 255, then (x − 0.2860) / 0.3530 (examples/fashion-mnist/practise.yaml).</summary>
    private static Tensor Normalized(ImageSet set)
    {
        using var scope = NewDisposeScope();
        var images = stack(set.Images).to(float32) / 255.0;
        return ((images - 0.2860) / 0.3530).MoveToOuterDisposeScope();
    }
}
