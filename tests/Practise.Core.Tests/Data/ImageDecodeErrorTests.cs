using Practise.Core.Data;
using Practise.Testing;

namespace Practise.Core.Tests.Data;

/// <summary>
/// Damaged, forged and foreign inputs fail with an ImageDecodeException naming the file, and never crash or leak.
/// LiveTensors counts this thread's tensors (TorchSharp's own statistics), so these tests may run alongside others.
/// </summary>
public sealed class ImageDecodeErrorTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("practise-images-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static byte[] Fixture(string name) => File.ReadAllBytes(ImageFixtures.PathOf(name));

    private string Write(string name, byte[] data)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    private static ImageDecodeException Fails(string path, string problem, ImageReadMode mode = ImageReadMode.UNCHANGED)
    {
        var before = LiveTensors.Count;
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoding.read_image(path, mode).Dispose());
        Assert.StartsWith($"{path}: ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Equal(path, error.Path);
        Assert.Equal(before, LiveTensors.Count);
        return error;
    }

    [Fact]
    public void EmptyFile() => Fails(Write("empty.png", []), "empty file (0 bytes)");

    [Fact]
    public void RandomBytes()
    {
        var data = new byte[1000];
        new Random(5).NextBytes(data);
        data[0] = 0x12;
        Fails(Write("random.jpg", data), "not a JPEG or PNG file (starts with 12 ");
    }

    [Fact]
    public void GifIsNamedByItsFirstBytes()
    {
        var path = ImageFixtures.PathOf("bad_gif.gif");
        Assert.Equal($"{path}: not a JPEG or PNG file (starts with 47 49 46 38)", Fails(path, "not a JPEG or PNG file").Message);
    }

    [Fact]
    public void DamagedPngSignatureIsShownInFull()
    {
        var data = Fixture("rgb.png");
        data[7] = 0x00; // a PNG that went through a text-mode transfer loses such bytes
        Fails(Write("signature.png", data), "damaged PNG signature (89 50 4E 47 0D 0A 1A 00, expected 89 50 4E 47 0D 0A 1A 0A)");
    }

    [Fact]
    public void MissingFile() => Fails(Path.Combine(directory, "nowhere", "missing.png"), "file not found");

    [Theory]
    [InlineData("rgb.png")]
    [InlineData("interlaced.png")]
    [InlineData("rgba16.png")]
    public void TruncatedPng(string name)
    {
        var data = Fixture(name);
        // Inside the signature, inside IHDR, at the first IDAT, mid-pixels, inside the IDAT CRC, inside IEND.
        foreach (var cut in new[] { 3, 8, 20, 33, 45, data.Length / 2, data.Length - 15, data.Length - 1 })
            Fails(Write($"cut{cut}_{name}", data[..cut]), "truncated PNG data");
    }

    [Theory]
    [InlineData("baseline.jpg")]
    [InlineData("progressive.jpg")]
    [InlineData("gray.jpg")]
    public void TruncatedJpeg(string name)
    {
        var data = Fixture(name);
        // Inside the SOI marker, before and inside the frame and Huffman tables, mid-scan, and only EOI missing.
        foreach (var cut in new[] { 2, 10, 30, 100, 150, 200, 300, data.Length / 2, data.Length - 2, data.Length - 1 })
            Fails(Write($"cut{cut}_{name}", data[..cut]), "truncated JPEG data");
    }

    [Fact]
    public void PngCrcMismatchInHeaderAndPixelData()
    {
        var header = Fixture("rgb.png");
        header[30] ^= 0xFF; // last byte of IHDR's CRC
        Fails(Write("ihdr_crc.png", header), "corrupt PNG data: IHDR: CRC error");
        var crc = Fixture("rgb.png");
        crc[^13] ^= 0xFF; // last byte of IDAT's CRC, just before the 12-byte IEND chunk
        Fails(Write("idat_crc.png", crc), "corrupt PNG data: IDAT: CRC error");
        var pixels = Fixture("rgb.png");
        pixels[pixels.Length / 2] ^= 0x01; // every chunk's CRC is checked before the decoder inflates the pixels
        Fails(Write("idat_data.png", pixels), "corrupt PNG data: IDAT: CRC error");
    }

    [Fact]
    public void PngWithDamagedCompressedDataButValidCrc() =>
        Fails(ImageFixtures.PathOf("bad_zlib.png"), "corrupt PNG data: IDAT: ");

    [Fact]
    public void PngHeaderClaimingTenGigapixelsIsRefusedBeforeAllocating() =>
        Fails(ImageFixtures.PathOf("bad_huge.png"), "PNG image is 100000x100000 pixels, over the decoding limit");

    [Fact]
    public void CmykJpegIsRefusedClearly() => Fails(ImageFixtures.PathOf("bad_cmyk.jpg"), "CMYK JPEG images are not supported");

    [Theory]
    [InlineData(ImageReadMode.GRAY_ALPHA)]
    [InlineData(ImageReadMode.RGB_ALPHA)]
    public void JpegHasNoAlphaModes(ImageReadMode mode) =>
        Fails(ImageFixtures.PathOf("baseline.jpg"), $"ImageReadMode.{mode} is not supported for JPEG", mode);

    [Fact]
    public void UnknownModeIsRefused() => Fails(ImageFixtures.PathOf("rgb.png"), "unknown image read mode 7", (ImageReadMode)7);

    [Fact]
    public void RepeatedFailuresLeaveNoTensorsBehind()
    {
        var png = Fixture("interlaced.png");
        var jpeg = Fixture("progressive.jpg");
        var pngPath = Write("late_cut.png", png[..(png.Length - 20)]);
        var jpegPath = Write("late_cut.jpg", jpeg[..(jpeg.Length * 3 / 4)]);
        // Fails inside the decoder, after the pixel buffer was allocated: the path most likely to leak.
        var zlibPath = ImageFixtures.PathOf("bad_zlib.png");
        var before = LiveTensors.Count;
        for (var i = 0; i < 200; i++)
        {
            Assert.Throws<ImageDecodeException>(() => ImageDecoding.read_image((i % 3) switch { 0 => pngPath, 1 => jpegPath, _ => zlibPath }));
            Assert.Throws<ImageDecodeException>(() => ImageDecoding.decode_image(png[..(png.Length / 2)]));
        }
        Assert.Equal(before, LiveTensors.Count);
    }
}
