using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// Turns decoded RGBA pixels into torchvision's uint8 [C, H, W] layout with PIL's channel conversions
/// (Image.convert): 1 channel L, 2 LA, 3 RGB, 4 RGBA.
/// </summary>
internal static class ImagePlanes
{
    public static Tensor ToTensor(byte[] rgba, long height, long width, int channels)
    {
        var size = checked((int)(height * width));
        var planes = GC.AllocateUninitializedArray<byte>(checked(channels * size));
        if (channels <= 2)
        {
            WriteLuma(rgba, planes.AsSpan(0, size));
            if (channels == 2) CopyChannel(rgba, 3, planes.AsSpan(size, size));
        }
        else
        {
            for (var channel = 0; channel < channels; channel++) CopyChannel(rgba, channel, planes.AsSpan(channel * size, size));
        }
        return tensor(planes, [channels, height, width]);
    }

    private static void CopyChannel(ReadOnlySpan<byte> rgba, int channel, Span<byte> plane)
    {
        for (int i = 0, source = channel; i < plane.Length; i++, source += 4) plane[i] = rgba[source];
    }

    private static void WriteLuma(ReadOnlySpan<byte> rgba, Span<byte> plane)
    {
        for (int i = 0, source = 0; i < plane.Length; i++, source += 4) plane[i] = Luma(rgba[source], rgba[source + 1], rgba[source + 2]);
    }

    // PIL's conversion to L: ITU-R 601-2 luma, R·299/1000 + G·587/1000 + B·114/1000 in 16-bit fixed point, rounded
    // (Pillow's Convert.c, L24). The weights sum to 65536, so grey pixels (R = G = B) keep their value exactly.
    // torchvision differs: libpng's 0.2989/0.587/0.114 truncated for PNG, libjpeg's Y plane for JPEG.
    private static byte Luma(byte red, byte green, byte blue) => (byte)((red * 19595 + green * 38470 + blue * 7471 + 0x8000) >> 16);
}
