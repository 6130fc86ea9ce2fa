using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Manifest;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Cli.Tests;

/// <summary>
/// A tiny evaluation project on disk: a seeded resnet20_cifar (1 channel, 10 classes) saved as the manifest's weights,
/// 20 random 16×16 IDX images, and labels that agree with the model's prediction on exactly the first half.
/// </summary>
public sealed class EvalFixture : IDisposable
{
    public const int Images = 20;
    private static readonly Normalization Normalization = new([0.5], [0.25]);
    private readonly TemporaryDirectory directory = new();

    public EvalFixture()
    {
        manual_seed(3);
        Teacher = ModelZoo.Create("resnet20_cifar", numClasses: 10, inChannels: 1);
        Safetensors.Save(directory.File("teacher.safetensors"), Teacher.state_dict());
        using (var scope = NewDisposeScope())
        {
            var images = randint(0, 256, [Images, 16, 16], uint8);
            Pixels = images.bytes.ToArray();
            IdxWriter.Write(directory.File("images.idx"), images);
            Inputs = TransformedInputs().MoveToOuterDisposeScope();
            var predicted = Inference.Predict(Teacher, Inputs).argmax(1).data<long>().ToArray();
            var labels = predicted.Select((label, row) => (byte)(row < Images / 2 ? label : (label + 1) % 10)).ToArray();
            LabelValues = labels;
            Labels = tensor(labels.Select(label => (long)label).ToArray()).MoveToOuterDisposeScope();
            IdxWriter.Write(directory.File("labels.idx"), tensor(labels, [Images]));
        }
        ManifestPath = WriteManifest("practise.yaml", Eval);
    }

    /// <summary>The manifest's model.input, for saving compressed models as compress does.</summary>
    public static readonly InputSettings Input = new(1, new ImageSize(16, 16), [0.5], [0.25]);

    public const string Eval = """
          eval:
            idx:
              images: images.idx
              labels: labels.idx
        """;

    public PrunableModel Teacher { get; }

    /// <summary>Every image under the manifest's measurement transform, N×1×16×16.</summary>
    public Tensor Inputs { get; }

    public Tensor Labels { get; }

    /// <summary>The images' bytes, 16×16 per image, and their labels: what the IDX files hold.</summary>
    public byte[] Pixels { get; }

    public byte[] LabelValues { get; }

    public string ManifestPath { get; }

    public string Directory => directory.Path;

    public string File(string name) => directory.File(name);

    /// <summary>A manifest for the teacher with <paramref name="eval"/> as its data.eval block (indented under data:).</summary>
    public string WriteManifest(string name, string eval)
    {
        var path = directory.File(name);
        System.IO.File.WriteAllText(path, $"""
            model:
              arch: resnet20_cifar
              weights: teacher.safetensors
              num-classes: 10
              input:
                channels: 1
                size: 16
                mean: [0.5]
                std: [0.25]
            data:
              train:
                idx:
                  images: images.idx
            {eval}
            budget:
              blocks: 1
            """);
        return path;
    }

    public void Dispose()
    {
        Teacher.Dispose();
        Inputs.Dispose();
        Labels.Dispose();
        directory.Dispose();
    }

    private Tensor TransformedInputs()
    {
        using var set = ImageSet.FromIdx(directory.File("images.idx"));
        var transform = new EvalTransform(new ImageSize(16, 16), Normalization);
        return stack(set.Images.Select(transform.Apply).ToList());
    }
}
