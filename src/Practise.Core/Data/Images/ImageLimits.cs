namespace Practise.Core.Data;

/// <summary>The largest image the decoders accept, checked against the header before any pixel buffer is allocated.</summary>
internal static class ImageLimits
{
    // Generous for photographs and scans, yet a forged header cannot make us allocate more than ~2 GB (RGBA), which
    // also keeps every buffer within one .NET array.
    public const long MaxSide = 30000;
    public const long MaxPixels = 512L * 1000 * 1000;

    /// <exception cref="InvalidImageDataException">The image is empty or over the limits.</exception>
    public static void CheckDimensions(long width, long height, string format)
    {
        if (width <= 0 || height <= 0)
            throw new InvalidImageDataException($"{format} header declares an empty image ({width}x{height})");
        if (width > MaxSide || height > MaxSide || width * height > MaxPixels)
            throw new InvalidImageDataException(
                $"{format} image is {width}x{height} pixels, over the decoding limit of {MaxSide} pixels per side and {MaxPixels / 1_000_000} megapixels");
    }
}
