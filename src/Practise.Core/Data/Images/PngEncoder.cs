using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// Writes 8-bit grey or RGB PNGs from uint8 C×H×W tensors: every row unfiltered, one zlib stream, no metadata (no
/// time, no gamma), so the same pixels always give the same bytes. What `practise synthesize` and the report's
/// sample grid write; any PNG reader, ours included, reads them back to the same pixels.
/// </summary>
public static class PngEncoder
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static byte[] Encode(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dtype != uint8 || image.dim() != 3 || image.size(0) is not (1 or 3))
            throw new ArgumentException($"expected a uint8 C×H×W image with 1 or 3 channels, got [{string.Join(", ", image.shape)}] {image.dtype}", nameof(image));
        int channels = (int)image.size(0), height = (int)image.size(1), width = (int)image.size(2);
        byte[] pixels;
        using (var cpu = image.cpu())
        using (var interleaved = cpu.permute(1, 2, 0).contiguous())
        {
            pixels = interleaved.bytes.ToArray();
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = channels == 1 ? (byte)0 : (byte)2; // grey or truecolour; default compression, filter, no interlace
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", Compress(pixels, height, width * channels));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Compress(byte[] pixels, int rows, int rowBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < rows; row++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels, row * rowBytes, rowBytes);
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        stream.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeBytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc ^ 0xFFFFFFFFu);
        stream.Write(number);
    }
}
