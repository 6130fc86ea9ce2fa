using System.Text.Json;
using System.Text.Json.Nodes;
using Practise.Cache;
using Practise.Contract;
using Practise.Core.Onnx;
using Practise.Core.Serialization;
using Practise.Manifest;

namespace Practise.Core.Models;

/// <summary>
/// A model on disk: model.safetensors (state_dict with the pruned model's own, renumbered names — what PyTorch's
/// load_state_dict(strict=True) wants after rebuilding, docs/pruned-models.md), model.onnx (the same network for ONNX
/// Runtime, docs/onnx.md) and model.json (its descriptor, and how to feed the ONNX file).
/// </summary>
public static class PrunedModelFiles
{
    // The descriptor is also embedded in the weights file so it cannot be separated from them by accident.
    private const string MetadataKey = "practise.architecture";

    /// <summary>Writes the three files; <paramref name="input"/> is what the model was trained on (model.input).</summary>
    public static void Save(PrunableModel model, string directory, InputSettings input)
    {
        Directory.CreateDirectory(directory);
        var descriptor = model.Architecture;
        Safetensors.Save(Path.Combine(directory, ArtifactNames.Weights), model.state_dict(),
            new Dictionary<string, string> { [MetadataKey] = descriptor.ToCanonicalJson() });
        OnnxExport.Save(model, input.Size.Height, input.Size.Width, directory);
        AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.Descriptor), Describe(descriptor, input) + "\n");
    }

    /// <summary>Rebuilds the model model.json describes and loads its weights strictly (any key mismatch is listed).</summary>
    public static PrunableModel Load(string directory)
    {
        var descriptor = ArchitectureDescriptor.FromJson(File.ReadAllText(Path.Combine(directory, ArtifactNames.Descriptor)));
        var model = ModelZoo.Create(descriptor);
        try
        {
            StateDicts.LoadFile(model, Path.Combine(directory, ArtifactNames.Weights));
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>model.json: the descriptor's fields, then "onnx" with the input and output an ONNX Runtime caller needs.</summary>
    private static string Describe(ArchitectureDescriptor descriptor, InputSettings input)
    {
        var json = JsonNode.Parse(descriptor.ToJson())!.AsObject();
        json["onnx"] = new JsonObject
        {
            ["file"] = ArtifactNames.Onnx,
            ["opset"] = OnnxExport.Opset,
            ["input"] = new JsonObject
            {
                ["name"] = OnnxExport.InputName,
                ["shape"] = new JsonArray("batch", descriptor.InChannels, input.Size.Height, input.Size.Width),
                ["dtype"] = "float32",
                ["normalization"] = "(pixel / 255 - mean[c]) / std[c] for each channel c",
                ["mean"] = new JsonArray([.. input.Mean.Select(value => (JsonNode)value)]),
                ["std"] = new JsonArray([.. input.Std.Select(value => (JsonNode)value)]),
            },
            ["output"] = new JsonObject
            {
                ["name"] = OnnxExport.OutputName,
                ["shape"] = new JsonArray("batch", descriptor.NumClasses),
                ["meaning"] = "logits: softmax gives class probabilities",
            },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
