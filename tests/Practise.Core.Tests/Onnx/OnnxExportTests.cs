using Onnx;
using Practise.Core.Architectures;
using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Testing;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Onnx;

/// <summary>
/// Every built-in architecture, unpruned and pruned, exported and run in ONNX Runtime against the libtorch forward on
/// the stored PyTorch fixture inputs (tests/fixtures/models: 64×64 RGB for torchvision's, 28×28 grey for the CIFAR ResNets).
/// </summary>
public class OnnxExportTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Architectures()
    {
        var data = new TheoryData<string, bool>();
        foreach (var arch in ArchitectureRegistry.Names)
        {
            data.Add(arch, false);
            data.Add(arch, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void OnnxRuntimeGivesTheLibtorchLogits(string arch, bool pruned)
    {
        using var teacher = Seeded(arch);
        using var model = pruned ? BlockSurgery.Prune(teacher, EverySecondDroppable(teacher)) : BlockSurgery.Prune(teacher, []);
        using var input = StoredInput(arch);
        using var _ = no_grad();
        using var expected = model.call(input);
        using var onnx = new OnnxRuntimeModel(OnnxExport.ToBytes(model, input.size(2), input.size(3)));
        using var actual = onnx.call(input);

        Assert.Equal(expected.shape, actual.shape);
        using var difference = (expected - actual).abs().max();
        using var magnitude = expected.abs().max();
        Assert.True(difference.ToSingle() <= 1e-4f,
            $"{arch}{(pruned ? " pruned" : "")}: max |libtorch − onnxruntime| = {difference.ToSingle():E2}, max |logit| = {magnitude.ToSingle():E2}");
        Assert.InRange(magnitude.ToSingle(), 0.05f, 100f);
        output.WriteLine($"{arch}{(pruned ? " pruned" : "")}: max |difference| {difference.ToSingle():E2}, max |logit| {magnitude.ToSingle():E2}");
    }

    [Fact]
    public void TheTrainedExampleTeacherAndAPrunedCopyGiveTheLibtorchLogits()
    {
        using var teacher = Pipeline.TeacherLoader.Load("resnet32_cifar", Repository.File("examples/fashion-mnist/teacher.safetensors"), 10, 1);
        using var pruned = BlockSurgery.Prune(teacher, ["layer1.2", "layer1.3", "layer1.4", "layer2.3", "layer2.4", "layer3.1"]);
        using var input = StoredInput("resnet32_cifar");
        using var _ = no_grad();
        foreach (var model in new[] { teacher, pruned })
        {
            model.eval();
            using var expected = model.call(input);
            using var onnx = new OnnxRuntimeModel(OnnxExport.ToBytes(model, 28, 28));
            using var actual = onnx.call(input);
            using var difference = (expected - actual).abs().max();
            using var magnitude = expected.abs().max();
            output.WriteLine($"example teacher, {model.Architecture.DroppedBlocks.Count} blocks dropped: max |difference| {difference.ToSingle():E2}, max |logit| {magnitude.ToSingle():E2}");
            Assert.True(difference.ToSingle() <= 1e-4f, $"max |libtorch − onnxruntime| = {difference.ToSingle():E2}");
        }
    }

    [Fact]
    public void TheSameModelExportsToTheSameBytes()
    {
        using var first = BlockSurgery.Prune(ModelFixtures.CreateWithFormulaWeights("resnet20_cifar"), ["layer1.1", "layer3.2"]);
        using var second = BlockSurgery.Prune(ModelFixtures.CreateWithFormulaWeights("resnet20_cifar"), ["layer1.1", "layer3.2"]);

        Assert.Equal(OnnxExport.ToBytes(first, 28, 28), OnnxExport.ToBytes(second, 28, 28));
    }

    [Fact]
    public void TheGraphHasADynamicBatchAndTheDocumentedNamesAndOpset()
    {
        using var model = BlockSurgery.Prune(ModelFixtures.CreateWithFormulaWeights("resnet20_cifar"), ["layer2.1"]);
        var proto = ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(model, 28, 28));

        Assert.Equal(OnnxExport.Opset, proto.OpsetImport.Single().Version);
        var input = proto.Graph.Input.Single();
        Assert.Equal(OnnxExport.InputName, input.Name);
        Assert.Equal(["batch", "1", "28", "28"], input.Type.TensorType.Shape.Dim.Select(Describe));
        var output = proto.Graph.Output.Single();
        Assert.Equal(OnnxExport.OutputName, output.Name);
        Assert.Equal(["batch", "10"], output.Type.TensorType.Shape.Dim.Select(Describe));
        // Initializers are the pruned model's own state_dict names (layer2.1 was layer2.2), buffers included.
        Assert.Contains("layer2.1.conv1.weight", proto.Graph.Initializer.Select(tensor => tensor.Name));
        Assert.DoesNotContain("layer2.2.conv1.weight", proto.Graph.Initializer.Select(tensor => tensor.Name));
        Assert.Equal(model.Architecture.ToCanonicalJson(), proto.MetadataProps.Single(entry => entry.Key == "practise.architecture").Value);
    }

    [Fact]
    public void ABatchOfAnotherSizeRunsToo()
    {
        using var model = ModelFixtures.CreateWithFormulaWeights("resnet20_cifar");
        using var onnx = new OnnxRuntimeModel(OnnxExport.ToBytes(model, 28, 28));
        using var input = StoredInput("resnet20_cifar");
        using var five = cat([input, input, input.narrow(0, 0, 1)], 0);
        using var _ = no_grad();
        using var expected = model.call(five);
        using var actual = onnx.call(five);

        TensorAssert.Close(expected, actual, rtol: 0, atol: 1e-4);
    }

    /// <summary>
    /// The architecture with libtorch's seeded default initialisation and BatchNorm layers that are not the identity:
    /// running means and variances, scales and shifts drawn from well-conditioned ranges, so every BatchNormalization
    /// node is really tested while activations keep a trained model's scale through any depth. (The parity fixtures'
    /// formula weights blow deep ResNets' logits up to 10⁴, where float32 rounding alone exceeds an absolute bound.)
    /// </summary>
    private static PrunableModel Seeded(string arch)
    {
        manual_seed(18);
        var model = arch.EndsWith("_cifar", StringComparison.Ordinal) ? ModelZoo.Create(arch, 10, inChannels: 1) : ModelZoo.Create(arch);
        using var _ = no_grad();
        foreach (var norm in model.modules().OfType<TorchSharp.Modules.BatchNorm2d>())
        {
            norm.running_mean!.uniform_(-0.2, 0.2);
            norm.running_var!.uniform_(0.5, 2.0);
            norm.weight!.uniform_(0.5, 1.5);
            norm.bias!.uniform_(-0.2, 0.2);
        }
        model.eval();
        return model;
    }

    private static string Describe(TensorShapeProto.Types.Dimension dimension) =>
        dimension.HasDimParam ? dimension.DimParam : dimension.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> EverySecondDroppable(PrunableModel model) =>
        model.DroppableBlocks().Where((_, index) => index % 2 == 0).ToList();

    /// <summary>The fixture input of the architecture, or of its family's fixture where it has none of its own.</summary>
    private static Tensor StoredInput(string arch)
    {
        var name = File.Exists(Fixtures.PathOf($"models/{arch}.safetensors")) ? arch : arch.EndsWith("_cifar", StringComparison.Ordinal) ? "resnet20_cifar" : "resnet18";
        using var fixture = Fixtures.Load($"models/{name}.safetensors");
        return fixture["input"].clone();
    }
}
