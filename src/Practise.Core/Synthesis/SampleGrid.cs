using Practise.Core.Data;
using static TorchSharp.torch;

namespace Practise.Core.Synthesis;

/// <summary>
/// A PNG of the first few images of a set, side by side in rows of four with a 2-pixel white gap: what report.md
/// shows of a synthesised or noise set, so a reader sees what the model was compressed with.
/// </summary>
public static class SampleGrid
{
    public const int Samples = 16;
    private const int Columns = 4, Gap = 2;

    /// <summary>The PNG bytes of a grid of the first <see cref="Samples"/> images (uint8 C×H×W, all one shape).</summary>
    public static byte[] Png(IReadOnlyList<Tensor> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("no images to show", nameof(images));
        var shown = images.Take(Samples).ToList();
        long channels = shown[0].size(0), height = shown[0].size(1), width = shown[0].size(2);
        if (shown.Any(image => !image.shape.SequenceEqual(shown[0].shape)))
            throw new ArgumentException("the images differ in shape", nameof(images));
        var columns = Math.Min(Columns, shown.Count);
        var rows = (shown.Count + columns - 1) / columns;
        using var scope = NewDisposeScope();
        var grid = full([channels, (rows * (height + Gap)) - Gap, (columns * (width + Gap)) - Gap], 255, dtype: uint8);
        for (var i = 0; i < shown.Count; i++)
        {
            var (row, column) = (i / columns, i % columns);
            grid.narrow(1, row * (height + Gap), height).narrow(2, column * (width + Gap), width).copy_(shown[i]);
        }
        return PngEncoder.Encode(grid);
    }
}
