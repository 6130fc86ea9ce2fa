using System.Globalization;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// torchvision.io.read_image and decode_image for PNG and JPEG, returning PIL's pixels. Decoding is Skia's (SkiaSharp,
/// which TorchVision brings, self-contained on Linux) through SKCodec, not TorchVision's SkiaImager: that one
/// premultiplies alpha and puts it first, drops it in UNCHANGED, and returns GRAY as float32 of other values than PIL's.
/// </summary>
public static class ImageDecoding
{
    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    /// <summary>
    /// Decodes a PNG or JPEG (told apart by their first bytes) into a uint8 tensor [C, H, W], as PIL's
    /// <c>Image.open(file).convert(...)</c>: GRAY is L, GRAY_ALPHA LA, RGB, RGB_ALPHA RGBA; UNCHANGED keeps the stored
    /// channels, with palettes expanded to RGB (RGBA with a tRNS chunk). 16-bit samples keep their high byte. JPEG
    /// supports UNCHANGED, GRAY and RGB, as torchvision.
    /// </summary>
    /// <exception cref="ImageDecodeException">The data is not a supported image or is damaged; <see cref="ImageDecodeException.Path"/> is empty.</exception>
    public static Tensor decode_image(byte[] data, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            return Decode(data, mode);
        }
        catch (InvalidImageDataException e)
        {
            throw new ImageDecodeException(e.Message, e);
        }
    }

    /// <summary>As torchvision: the encoded bytes given as a one-dimensional uint8 tensor.</summary>
    public static Tensor decode_image(Tensor data, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.dtype != uint8 || data.dim() != 1)
            throw new ArgumentException(
                $"expected a one-dimensional uint8 tensor of encoded bytes, got {data.dtype} with shape [{string.Join(", ", data.shape)}]", nameof(data));
        return decode_image(data.data<byte>().ToArray(), mode);
    }

    /// <summary>Reads and decodes a PNG or JPEG file; see <see cref="decode_image(byte[], ImageReadMode)"/>.</summary>
    /// <exception cref="ImageDecodeException">The file cannot be read, or is not a supported, intact image; the message starts with the path.</exception>
    public static Tensor read_image(string path, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"cannot read the file ({e.Message})", e);
        }
        try
        {
            return Decode(data, mode);
        }
        catch (InvalidImageDataException e)
        {
            throw new ImageDecodeException(path, e.Message, e);
        }
    }

    // Every check runs before the decoder does, and the tensor is made last, so a failure leaves nothing to release.
    private static Tensor Decode(byte[] data, ImageReadMode mode)
    {
        var channels = RequestedChannels(mode);
        if (data.Length == 0) throw new InvalidImageDataException("empty file (0 bytes)");
        // A file cut inside its signature is truncated, not of an unknown format.
        if (StartsLike(data, PngContainer.Signature))
        {
            if (data.Length < PngContainer.Signature.Length) throw InvalidImageDataException.Truncated("PNG");
            var png = PngContainer.Read(data);
            var rgba = SkiaDecoder.DecodeRgba(data, png.Width, png.Height, "PNG");
            return ImagePlanes.ToTensor(rgba, png.Height, png.Width, channels ?? png.Channels);
        }
        if (StartsLike(data, JpegSignature))
        {
            if (data.Length < JpegSignature.Length) throw InvalidImageDataException.Truncated("JPEG");
            var jpeg = ReadJpegHeader(data, mode);
            var rgba = SkiaDecoder.DecodeRgba(data, jpeg.Width, jpeg.Height, "JPEG");
            return ImagePlanes.ToTensor(rgba, jpeg.Height, jpeg.Width, channels ?? (jpeg.Components == 1 ? 1 : 3));
        }
        // Its first four bytes say PNG, so naming them would look like a contradiction; name the whole signature.
        if (data.Length >= PngContainer.Signature.Length && data.AsSpan(0, 4).SequenceEqual(PngContainer.Signature[..4]))
            throw new InvalidImageDataException($"damaged PNG signature ({Hex(data.AsSpan(0, 8))}, expected {Hex(PngContainer.Signature)})");
        throw new InvalidImageDataException($"not a JPEG or PNG file (starts with {Hex(data.AsSpan(0, Math.Min(4, data.Length)))})");
    }

    private static JpegHeader ReadJpegHeader(byte[] data, ImageReadMode mode)
    {
        // torchvision refuses these as well: JPEG has no alpha channel to return.
        if (mode is ImageReadMode.GRAY_ALPHA or ImageReadMode.RGB_ALPHA)
            throw new InvalidImageDataException($"ImageReadMode.{mode} is not supported for JPEG images, which have no alpha channel (use UNCHANGED, GRAY or RGB)");
        var header = JpegContainer.Read(data);
        ImageLimits.CheckDimensions(header.Width, header.Height, "JPEG");
        // Skia would convert CMYK (and YCCK) itself, with its own idea of the ink; neither PIL nor torchvision agree on it.
        if (header.Components == 4) throw new InvalidImageDataException("CMYK JPEG images are not supported (convert the image to RGB first)");
        if (header.Components is not (1 or 3))
            throw new InvalidImageDataException($"JPEG images with {header.Components} components are not supported (only grey and YCbCr/RGB)");
        if (header.Precision != 8)
            throw new InvalidImageDataException($"JPEG images with {header.Precision}-bit samples are not supported (only 8-bit)");
        return header;
    }

    // The channels a mode asks for; null for UNCHANGED, which keeps the image's own.
    private static int? RequestedChannels(ImageReadMode mode) => mode switch
    {
        ImageReadMode.UNCHANGED => null,
        ImageReadMode.GRAY => 1,
        ImageReadMode.GRAY_ALPHA => 2,
        ImageReadMode.RGB => 3,
        ImageReadMode.RGB_ALPHA => 4,
        _ => throw new InvalidImageDataException(
            $"unknown image read mode {(int)mode} (expected 0 UNCHANGED, 1 GRAY, 2 GRAY_ALPHA, 3 RGB or 4 RGB_ALPHA)"),
    };

    // True when the data starts with the signature, or is a (too short) prefix of it longer than one byte.
    private static bool StartsLike(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var compared = Math.Min(data.Length, signature.Length);
        return data.Length > 1 && data[..compared].SequenceEqual(signature[..compared]);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => string.Join(' ', bytes.ToArray().Select(value => value.ToString("X2", CultureInfo.InvariantCulture)));
}
