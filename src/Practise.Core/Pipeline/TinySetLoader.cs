using Practise.Core.Data;
using Practise.Core.Serialization;
using Practise.Core.Synthesis;
using Practise.Manifest;
using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// Reads the manifest's tiny training set: the seeded selection of data.count items. A synthesised set is made (or
/// read from the cache) by <see cref="SyntheticSets"/>, a noise set drawn here; both become uint8 images like any
/// other, so augmentation, scoring and finetuning treat them exactly as real ones.
/// </summary>
public static class TinySetLoader
{
    /// <summary>Noise is drawn in its own stream, apart from every synthesis batch's.</summary>
    private const ulong NoisePurpose = 0x5EED_0003;

    public static ImageSet LoadTrain(Manifest.Manifest manifest, SyntheticSets? synthesis = null, CancellationToken cancellation = default)
    {
        var data = manifest.Data;
        try
        {
            return data.Train switch
            {
                GlobSource glob => ImageSet.FromFiles(DataSelection.Select(glob, data.Count, data.Seed).Files, manifest.Model.Input.Channels),
                IdxSource idx => FromIdx(idx, data.Count, data.Seed),
                SafetensorsSource stored => FromSafetensors(stored, data.Count, data.Seed),
                SyntheticSource synthetic => FromGenerated((synthesis ?? throw new InvalidOperationException("a synthetic set needs the teacher: pass SyntheticSets"))
                    .Load(synthetic, cancellation), data.Count, data.Seed),
                NoiseSource noise => FromGenerated(new GeneratedImages(Noise(noise, manifest.Model.Input), null), data.Count, data.Seed),
                _ => throw new NotSupportedException(data.Train.GetType().Name),
            };
        }
        catch (Exception e) when (e is DataException or SafetensorsException or ImageDecodeException)
        {
            throw new PractiseException(PipelineErrors.BadData, $"data.train: {e.Message}", e);
        }
    }

    /// <summary>Gaussian noise N(0, 1) in normalised space, as pixels: what the network would see from no data at all.</summary>
    public static Tensor Noise(NoiseSource noise, InputSettings input)
    {
        using var normalised = GaussianNoise.Sample([noise.Count, input.Channels, input.Size.Height, input.Size.Width],
            GaussianNoise.Stream(noise.Seed, 0, NoisePurpose));
        return PixelImages.ToPixels(normalised, new Normalization(input.Mean, input.Std));
    }

    /// <summary>data.count of the generated images by data.seed (all of them when the counts agree, the default).</summary>
    private static ImageSet FromGenerated(GeneratedImages generated, int count, int seed)
    {
        using (generated)
        {
            var available = (int)generated.Pixels.size(0);
            if (count == available) return ImageSet.FromTensor(generated.Pixels, generated.Targets);
            var rows = SeededSampler.Choose(available, count, seed);
            using var index = tensor(rows.Select(row => (long)row).ToArray());
            using var chosen = generated.Pixels.index_select(0, index);
            return ImageSet.FromTensor(chosen, generated.Targets is { } targets ? rows.Select(row => targets[row]).ToArray() : null);
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
