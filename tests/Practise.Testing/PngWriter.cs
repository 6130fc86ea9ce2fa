using Practise.Core.Data;
using static TorchSharp.torch;

namespace Practise.Testing;

/// <summary>Writes 8-bit greyscale PNG files through the tool's own encoder, so tests can build image folders.</summary>
public static class PngWriter
{
    /// <summary>Pixels row-major, <paramref name="width"/> per row.</summary>
    public static void WriteGrey(string path, byte[] pixels, int width)
    {
        var height = pixels.Length / width;
        if (height * width != pixels.Length) throw new ArgumentException("pixel count is not a multiple of the width", nameof(pixels));
        using var image = tensor(pixels, [1, height, width]);
        File.WriteAllBytes(path, PngEncoder.Encode(image));
    }
}
