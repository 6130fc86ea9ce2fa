using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Manifest;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Engine;

/// <summary>
/// Test classes that build an <see cref="EngineFixture"/> and are not already in <see cref="LiveTensorCountCollection"/>
/// run here, with no other test alongside: the fixture's weights and images come from libtorch's one global generator
/// after manual_seed, so a model created on another thread meanwhile takes numbers from the same stream and leaves the
/// fixture with other weights, and tests that expect the seeded ones fail now and then.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SeededFixtureCollection
{
    public const string Name = "seeded engine fixture";
}

/// <summary>
/// A tiny seeded CIFAR-style ResNet-20 (1 channel, 16×16) with random but trained-looking weights, and a tiny image set.
/// Seeded means reproducible only while no other thread draws random numbers: see <see cref="SeededFixtureCollection"/>.
/// </summary>
internal sealed class EngineFixture : IDisposable
{
    public const int Size = 16;

    private readonly TemporaryDirectory directory = new();

    public EngineFixture(int images = 24, long seed = 0)
    {
        manual_seed(seed);
        Teacher = ModelZoo.Create("resnet20_cifar", 10, 1);
        // He initialisation (as torchvision's ResNet uses) makes every block matter; PyTorch's default leaves them near-silent.
        foreach (var (name, parameter) in Teacher.named_parameters())
            if (name.EndsWith("conv1.weight", StringComparison.Ordinal) || name.EndsWith("conv2.weight", StringComparison.Ordinal))
                nn.init.kaiming_normal_(parameter, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        Teacher.eval();
        using (var pixels = randint(0, 256, [images, Size, Size], uint8)) IdxWriter.Write(ImagesPath, pixels);
        using (var labels = randint(0, 10, [images], uint8)) IdxWriter.Write(LabelsPath, labels);
        Safetensors.Save(WeightsPath, Teacher.state_dict());
        Set = ImageSet.FromIdx(ImagesPath, LabelsPath);
        var normalization = new Normalization([0.5], [0.5]);
        var size = new ImageSize(Size, Size);
        Batches = new TinyBatches(Set, new EvalTransform(size, normalization), new TrainTransform(size, normalization, minScale: 0.5), 8, seed);
    }

    public string Directory => directory.Path;
    public string ImagesPath => directory.File("images.idx");
    public string LabelsPath => directory.File("labels.idx");
    public string WeightsPath => directory.File("teacher.safetensors");
    public PrunableModel Teacher { get; }
    public ImageSet Set { get; }
    public TinyBatches Batches { get; }

    public void Dispose()
    {
        Batches.Dispose();
        Set.Dispose();
        Teacher.Dispose();
        directory.Dispose();
    }
}
