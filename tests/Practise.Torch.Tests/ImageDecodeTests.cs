using Practise.Testing;
using Practise.Torch;
using static Practise.Torch.torchvision.io;

namespace Practise.Torch.Tests;

/// <summary>The expected tensors of tests/fixtures/images, loaded once for the class.</summary>
public sealed class ImageFixtures : IDisposable
{
    public FixtureSet Expected { get; } = Fixtures.Load("images/expected.safetensors");

    public static string PathOf(string name) => Fixtures.PathOf(Path.Combine("images", name));

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
    public void PngMatchesTorchvisionExactly(string name, ImageReadMode mode)
    {
        using var actual = read_image(ImageFixtures.PathOf(name), mode);
        Assert.Equal(torch.uint8, actual.dtype);
        TensorAssert.Close(fixtures.Expected[$"{name}/{mode}"], actual, rtol: 0, atol: 0, what: $"{name} {mode}");
    }

    // Both decoders are libjpeg-turbo with the accurate integer DCT, so the pixels agree exactly here; another
    // libjpeg build may round differently and would need a tolerance of 1.
    [Theory]
    [MemberData(nameof(JpegCases))]
    public void JpegMatchesTorchvision(string name, ImageReadMode mode)
    {
        using var actual = read_image(ImageFixtures.PathOf(name), mode);
        Assert.Equal(torch.uint8, actual.dtype);
        TensorAssert.Close(fixtures.Expected[$"{name}/{mode}"], actual, rtol: 0, atol: 0, what: $"{name} {mode}");
    }

    [Fact]
    public void DecodesInMemoryBytesAndUint8Tensors()
    {
        var data = File.ReadAllBytes(ImageFixtures.PathOf("rgb.png"));
        using var fromBytes = decode_image(data, ImageReadMode.RGB);
        using var encoded = torch.tensor(data, data.Length);
        using var fromTensor = decode_image(encoded);
        var expected = fixtures.Expected["rgb.png/RGB"];
        TensorAssert.Close(expected, fromBytes, rtol: 0, atol: 0);
        TensorAssert.Close(expected, fromTensor, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 3, 7, 13 }, fromBytes.shape);
    }

    [Fact]
    public void InMemoryErrorsCarryTheProblemWithoutAPath()
    {
        var error = Assert.Throws<ImageDecodeException>(() => decode_image("GIF89a"u8.ToArray()));
        Assert.Equal("not a JPEG or PNG file (starts with 47 49 46 38)", error.Message);
        Assert.Equal("", error.Path);
    }
}
