using System.Runtime.InteropServices;
using SkiaSharp;

namespace Practise.Core.Data;

/// <summary>
/// Decodes PNG and JPEG with Skia's codecs (libpng and libjpeg-turbo inside SkiaSharp's native library) to 8-bit RGBA,
/// the stored values as PIL returns them: unpremultiplied, so transparent pixels keep their colour, and without colour
/// management (no target colour space), so ICC profiles and gAMA chunks leave the values alone. Skia expands grey to
/// R = G = B, palettes with their tRNS alpha and low bit depths to 0..255, and keeps the high byte of 16-bit samples.
/// </summary>
internal static class SkiaDecoder
{
    /// <summary>Decodes data whose container was checked (and dimensions limited) to RGBA, 4 bytes per pixel, row by row.</summary>
    /// <exception cref="InvalidImageDataException">Skia rejects the headers or cannot decode the pixel data.</exception>
    public static byte[] DecodeRgba(byte[] encoded, long width, long height, string format)
    {
        // The codec owns the stream from here on and frees it, even when it cannot be created.
        using var codec = SKCodec.Create(new SKMemoryStream(encoded), out var opened);
        if (codec is null) throw InvalidImageDataException.Corrupt(format, Describe(opened, format));
        if (codec.Info.Width != width || codec.Info.Height != height)
            throw InvalidImageDataException.Corrupt(
                format, $"the decoder reads {codec.Info.Width}x{codec.Info.Height} pixels where the header declares {width}x{height}");

        var target = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // Pinned so that Skia writes into it directly; left uninitialised because a successful decode writes every byte.
        var rgba = GC.AllocateUninitializedArray<byte>(checked((int)target.BytesSize64), pinned: true);
        var decoded = codec.GetPixels(target, Marshal.UnsafeAddrOfPinnedArrayElement(rgba, 0));
        if (decoded != SKCodecResult.Success) throw InvalidImageDataException.Corrupt(format, Describe(decoded, format));
        return rgba;
    }

    private static string Describe(SKCodecResult result, string format)
    {
        // The container was intact (complete, CRCs right), so what fails to decode is the compressed pixel data, which
        // a PNG keeps in its IDAT chunks; libpng names the chunk too.
        var pixelData = format == "PNG" ? "IDAT: the compressed pixel data" : "the compressed pixel data";
        return result switch
        {
            SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => $"{pixelData} is damaged or incomplete (Skia: {result})",
            SKCodecResult.InvalidInput => $"the decoder rejects the image's headers (Skia: {result})",
            SKCodecResult.Unimplemented => $"the image uses a feature the decoder does not support (Skia: {result})",
            _ => $"the decoder failed (Skia: {result})",
        };
    }
}
