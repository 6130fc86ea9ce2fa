using Practise.Cache;
using Practise.Contract;
using Practise.Core.Serialization;

namespace Practise.Core.Models;

/// <summary>
/// A model on disk: model.safetensors (state_dict with the pruned model's own, renumbered names — what PyTorch's
/// load_state_dict(strict=True) wants after rebuilding, docs/pruned-models.md) and model.json (its descriptor).
/// </summary>
public static class PrunedModelFiles
{
    // The descriptor is also embedded in the weights file so it cannot be separated from them by accident.
    private const string MetadataKey = "practise.architecture";

    public static void Save(PrunableModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        var descriptor = model.Architecture;
        Safetensors.Save(Path.Combine(directory, ArtifactNames.Weights), model.state_dict(),
            new Dictionary<string, string> { [MetadataKey] = descriptor.ToCanonicalJson() });
        AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.Descriptor), descriptor.ToJson() + "\n");
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
}
