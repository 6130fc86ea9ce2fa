using Practise.Core.Data;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Data;

/// <summary>The expected tensors of tests/fixtures/images, loaded once for the class.</summary>
public sealed class ImageFixtures : IDisposable
{
    public FixtureSet Expected { get; } = Fixtures.Load("images/expected.safetensors");

    public static string PathOf(string name) => Fixtures.PathOf(Path.Combine("images", name));

    /// <summary>
    /// PIL's pixels for a fixture and mode. expected.safetensors holds torchvision's decodes, which equal PIL's except
    /// in the grey conversion of colour images (torchvision uses libpng's truncated 0.2989/0.587/0.114 for PNG,
    /// libjpeg's Y plane for JPEG): there PIL's Image.convert("L") is computed from the fixture's RGB, which is PIL's.
    /// </summary>
    public Tensor Pillow(string name, ImageReadMode mode)
    {
        var stored = Expected[$"{name}/{mode}"];
        var colour = Expected[$"{name}/UNCHANGED"].shape[0] >= 3;
        if (!colour || mode is not (ImageReadMode.GRAY or ImageReadMode.GRAY_ALPHA)) return stored.alias();
        using var scope = NewDisposeScope();
        var luma = PillowLuma(Expected[$"{name}/RGB"]);
        var pixels = mode == ImageReadMode.GRAY ? luma : cat([luma, stored[1..]]);
        return pixels.MoveToOuterDisposeScope();
    }

    // Pillow's Convert.c: L = (19595 R + 38470 G + 7471 B + 0x8000) >> 16, ITU-R 601-2 luma rounded to nearest.
    private static Tensor PillowLuma(Tensor rgb)
    {
        var wide = rgb.to_type(int32);
        var weighted = wide[0] * 19595 + wide[1] * 38470 + wide[2] * 7471 + 0x8000;
        return weighted.div(65536, rounding_mode: RoundingMode.floor).to_type(uint8).unsqueeze(0);
    }

    public void Dispose() => Expected.Dispose();
}

public class ImageDecodeTests(ImageFixtures fixtures) : IClassFixture<ImageFixtures>
{
    private static readonly string[] Pngs =
        ["gray.png", "gray1.png", "gray_alpha.png", "rgb.png", "rgba.png", "palette.png", "palette_trns.png", "gray16.png", "rgba16.png", "interlaced.png"];

    private static readonly string[] Jpegs = ["baseline.jpg", "baseline444.jpg", "progressive.jpg", "gray.jpg"];

    public static TheoryData<string, ImageReadMode> PngCases()
    {
        var cases = new TheoryData<string, ImageReadMode>();
        foreach (var name in Pngs)
            foreach (var mode in Enum.GetValues<ImageReadMode>()) cases.Add(name, mode);
        return cases;
    }

    public static TheoryData<string, ImageReadMode> JpegCases()
    {
        var cases = new TheoryData<string, ImageReadMode>();
        foreach (var name in Jpegs)
            foreach (var mode in new[] { ImageReadMode.UNCHANGED, ImageReadMode.GRAY, ImageReadMode.RGB }) cases.Add(name, mode);
        return cases;
    }

    [Theory]
    [MemberData(nameof(PngCases))]
    public void PngMatchesPillowExactly(string name, ImageReadMode mode)
    {
        using var actual = ImageDecoding.read_image(ImageFixtures.PathOf(name), mode);
        using var expected = fixtures.Pillow(name, mode);
        Assert.Equal(uint8, actual.dtype);
        TensorAssert.Close(expected, actual, rtol: 0, atol: 0, what: $"{name} {mode}");
    }

    // Skia's libjpeg-turbo (3.0 inside libSkiaSharp) and PIL's (Debian's 2.1.5) both use the accurate integer DCT
    // and fancy upsampling, so the pixels agree exactly; another libjpeg build may round differently by 1.
    [Theory]
    [MemberData(nameof(JpegCases))]
    public void JpegMatchesPillowExactly(string name, ImageReadMode mode)
    {
        using var actual = ImageDecoding.read_image(ImageFixtures.PathOf(name), mode);
        using var expected = fixtures.Pillow(name, mode);
        Assert.Equal(uint8, actual.dtype);
        TensorAssert.Close(expected, actual, rtol: 0, atol: 0, what: $"{name} {mode}");
    }

    [Fact]
    public void DecodesInMemoryBytesAndUint8Tensors()
    {
        var data = File.ReadAllBytes(ImageFixtures.PathOf("rgb.png"));
        using var fromBytes = ImageDecoding.decode_image(data, ImageReadMode.RGB);
        using var encoded = tensor(data);
        using var fromTensor = ImageDecoding.decode_image(encoded);
        var expected = fixtures.Expected["rgb.png/RGB"];
        TensorAssert.Close(expected, fromBytes, rtol: 0, atol: 0);
        TensorAssert.Close(expected, fromTensor, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 3, 7, 13 }, fromBytes.shape);
    }

    [Fact]
    public void InMemoryErrorsCarryTheProblemWithoutAPath()
    {
        var error = Assert.Throws<ImageDecodeException>(() => ImageDecoding.decode_image("GIF89a"u8.ToArray()));
        Assert.Equal("not a JPEG or PNG file (starts with 47 49 46 38)", error.Message);
        Assert.Equal("", error.Path);
    }
}
