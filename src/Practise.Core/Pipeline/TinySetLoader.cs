using Practise.Core.Data;
using Practise.Core.Serialization;
using Practise.Manifest;
using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>Reads the manifest's tiny training set: the seeded selection of data.count items.</summary>
public static class TinySetLoader
{
    public static ImageSet LoadTrain(Manifest.Manifest manifest)
    {
        var data = manifest.Data;
        try
        {
            return data.Train switch
            {
                GlobSource glob => ImageSet.FromFiles(DataSelection.Select(glob, data.Count, data.Seed).Files, manifest.Model.Input.Channels),
                IdxSource idx => FromIdx(idx, data.Count, data.Seed),
                SafetensorsSource stored => FromSafetensors(stored, data.Count, data.Seed),
                _ => throw new NotSupportedException(data.Train.GetType().Name),
            };
        }
        catch (Exception e) when (e is DataException or SafetensorsException or ImageDecodeException)
        {
            throw new PractiseException(PipelineErrors.BadData, $"data.train: {e.Message}", e);
        }
    }

    private static ImageSet FromIdx(IdxSource idx, int count, int seed)
    {
        long available;
        using (var all = IdxFile.Read(idx.Images)) available = all.size(0);
        if (available < count) throw new DataException($"{idx.Images} holds {available} images but data.count asks for {count}; lower data.count");
        return ImageSet.FromIdx(idx.Images, idx.Labels, SeededSampler.Choose((int)available, count, seed));
    }

    private static ImageSet FromSafetensors(SafetensorsSource stored, int count, int seed)
    {
        var tensors = Safetensors.Load(stored.Path);
        try
        {
            if (!tensors.TryGetValue(stored.Key, out var images))
                throw new DataException($"{stored.Path} has no tensor '{stored.Key}' (has: {string.Join(", ", tensors.Keys)}); fix data.train.safetensors.key");
            var shape = images.shape;
            if (shape.Length != 4) throw new DataException($"{stored.Path}: '{stored.Key}' must be N×C×H×W, found [{string.Join(", ", shape)}]");
            if (shape[0] < count) throw new DataException($"{stored.Path}: '{stored.Key}' holds {shape[0]} images but data.count asks for {count}");
            var rows = SeededSampler.Choose((int)shape[0], count, seed);
            using var index = tensor(rows.Select(row => (long)row).ToArray());
            using var chosen = images.index_select(0, index);
            using var asBytes = chosen.dtype == uint8 ? chosen.alias() : chosen.mul(255).clamp(0, 255).to_type(uint8);
            return ImageSet.FromTensor(asBytes);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }
}
