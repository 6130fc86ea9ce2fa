using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// The tiny set: decoded images (uint8, C×H×W, sizes may differ) with optional integer labels. Owns its tensors.
/// </summary>
public sealed class ImageSet : IDisposable
{
    private readonly List<Tensor> images;

    private ImageSet(List<Tensor> images, IReadOnlyList<long>? labels)
    {
        if (labels is not null && labels.Count != images.Count)
            throw new ArgumentException($"{images.Count} images but {labels.Count} labels", nameof(labels));
        this.images = images;
        Labels = labels;
    }

    public IReadOnlyList<Tensor> Images => images;

    public IReadOnlyList<long>? Labels { get; }

    public int Count => images.Count;

    public long Channels => images.Count == 0 ? 0 : images[0].shape[0];

    /// <summary>Decodes image files (JPEG/PNG) as grey (1 channel) or RGB (3 channels).</summary>
    public static ImageSet FromFiles(IReadOnlyList<string> files, int channels, IReadOnlyList<long>? labels = null)
    {
        var mode = channels switch
        {
            1 => ImageReadMode.GRAY,
            3 => ImageReadMode.RGB,
            _ => throw new DataException($"images can be read with 1 or 3 channels, not {channels} (model.input.channels)"),
        };
        return Build(files.Count, i => ImageDecoding.read_image(files[i], mode), labels);
    }

    /// <summary>
    /// Rows of an IDX image file (N×H×W, or N×C×H×W), optionally with its IDX label file; <paramref name="indices"/>
    /// picks rows (all when null).
    /// </summary>
    public static ImageSet FromIdx(string imagesPath, string? labelsPath = null, IReadOnlyList<int>? indices = null)
    {
        using var all = IdxFile.Read(imagesPath);
        var shape = all.shape;
        if (shape.Length is not (3 or 4)) throw new DataException($"{imagesPath}: expected N×H×W or N×C×H×W images, found [{string.Join(", ", shape)}]");
        var rows = indices ?? Enumerable.Range(0, (int)shape[0]).ToArray();
        if (rows.Any(row => row < 0 || row >= shape[0])) throw new DataException($"{imagesPath}: holds {shape[0]} images, fewer than the selection needs");
        long[]? labels = null;
        if (labelsPath is not null)
        {
            using var labelTensor = IdxFile.Read(labelsPath);
            if (labelTensor.shape.Length != 1 || labelTensor.shape[0] != shape[0])
                throw new DataException($"{labelsPath}: {labelTensor.shape[0]} labels for {shape[0]} images in {imagesPath}");
            var allLabels = labelTensor.data<byte>().ToArray();
            labels = rows.Select(row => (long)allLabels[row]).ToArray();
        }
        return Build(rows.Count, i =>
        {
            using var row = all.select(0, rows[i]);
            return shape.Length == 3 ? row.unsqueeze(0) : row.clone();
        }, labels);
    }

    /// <summary>Images from an N×C×H×W uint8 tensor (copied; the caller keeps its tensor).</summary>
    public static ImageSet FromTensor(Tensor images, IReadOnlyList<long>? labels = null)
    {
        if (images.dtype != uint8 || images.dim() != 4)
            throw new DataException($"expected an N×C×H×W uint8 tensor, got [{string.Join(", ", images.shape)}] {images.dtype}");
        return Build((int)images.size(0), i =>
        {
            using var row = images.select(0, i);
            return row.clone();
        }, labels);
    }

    /// <summary>SHA-256 over every image's shape and bytes in order: identifies the data for cache keys.</summary>
    public string ContentHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var image in images)
        {
            hash.AppendData(System.Text.Encoding.ASCII.GetBytes(string.Join("x", image.shape) + ";"));
            hash.AppendData(image.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        foreach (var image in images) image.Dispose();
        images.Clear();
    }

    private static ImageSet Build(int count, Func<int, Tensor> load, IReadOnlyList<long>? labels)
    {
        var loaded = new List<Tensor>(count);
        try
        {
            for (var i = 0; i < count; i++) loaded.Add(load(i).DetachFromDisposeScope());
            return new ImageSet(loaded, labels);
        }
        catch
        {
            foreach (var image in loaded) image.Dispose();
            throw;
        }
    }
}
