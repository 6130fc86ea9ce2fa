using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// The IDX format of (Fashion-)MNIST: 0x00 0x00, a type code, the number of dimensions, big-endian int32 sizes, then
/// the elements. Gzip-compressed files (.gz, as Debian ships them) are detected by their magic bytes.
/// </summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an unsigned-byte IDX file into a uint8 tensor of its stored shape.</summary>
    public static Tensor Read(string path)
    {
        var bytes = ReadAll(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new DataException($"{path}: not an IDX file (expected the magic 00 00 <type> <dims>)");
        if (bytes[2] != UnsignedByteType)
            throw new DataException($"{path}: IDX element type 0x{bytes[2]:x2} is not supported (only unsigned bytes, 0x08)");
        int dims = bytes[3];
        var headerLength = 4 + 4 * dims;
        if (dims == 0 || bytes.Length < headerLength) throw new DataException($"{path}: truncated IDX header");
        var shape = new long[dims];
        for (var i = 0; i < dims; i++) shape[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
        var count = shape.Aggregate(1L, (product, size) => product * size);
        if (shape.Any(size => size <= 0) || bytes.Length - headerLength != count)
            throw new DataException($"{path}: IDX header promises [{string.Join(", ", shape)}] = {count} bytes but the file holds {bytes.Length - headerLength} (truncated?)");
        return tensor(bytes[headerLength..], shape, uint8);
    }

    private static byte[] ReadAll(string path)
    {
        try
        {
            var raw = File.ReadAllBytes(path);
            if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            gzip.CopyTo(inflated);
            return inflated.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new DataException($"{path}: cannot read ({e.Message})", e);
        }
    }
}
