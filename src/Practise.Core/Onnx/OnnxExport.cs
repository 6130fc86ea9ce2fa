using Google.Protobuf;
using Onnx;
using Practise.Cache;
using Practise.Contract;
using Practise.Core.Models;

namespace Practise.Core.Onnx;

/// <summary>
/// A <see cref="PrunableModel"/> as an ONNX model (docs/onnx.md): opset 13, one float32 input
/// <see cref="InputName"/> (batch × channels × height × width, normalised as model.json states) and one output
/// <see cref="OutputName"/> (batch × classes, the logits). TorchSharp has no exporter, so each architecture writes its
/// own forward (<see cref="PrunableModel.FeaturesToOnnx"/>); BatchNorm stays a node of its own, which ONNX Runtime fuses.
/// The bytes depend only on the model's structure, its weights and the tool's version.
/// </summary>
public static class OnnxExport
{
    public const string InputName = "input";
    public const string OutputName = "logits";
    public const long Opset = 13;

    // IR version 7 is the one that introduced opset 13; older readers accept it.
    private const long IrVersion = 7;

    /// <summary>The serialized model for inputs of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static byte[] ToBytes(PrunableModel model, long height, long width)
    {
        ArgumentNullException.ThrowIfNull(model);
        var architecture = model.Architecture;
        var graph = new OnnxGraph(architecture.Arch);
        graph.Input(InputName, architecture.InChannels, height, width);
        var features = model.FeaturesToOnnx(graph, InputName);
        var pooled = graph.Node("GlobalAveragePool", "pool", [features]);
        var flat = graph.Node("Flatten", "flatten", [pooled], ("axis", 1L));
        var head = model.named_modules().First(pair => ReferenceEquals(pair.module, model.classifier)).name;
        graph.Output(OutputName, graph.Emit(model.classifier, flat, head), architecture.NumClasses);

        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Practise.Tool",
            ProducerVersion = PractiseTool.Version,
            Graph = graph.Build(),
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        // The descriptor travels inside the file too, as it does in model.safetensors' metadata.
        proto.MetadataProps.Add(new StringStringEntryProto { Key = "practise.architecture", Value = architecture.ToCanonicalJson() });
        return proto.ToByteArray();
    }

    /// <summary>Writes model.onnx into <paramref name="directory"/> atomically.</summary>
    public static void Save(PrunableModel model, long height, long width, string directory) =>
        AtomicFile.WriteAllBytes(Path.Combine(directory, ArtifactNames.Onnx), ToBytes(model, height, width));
}
