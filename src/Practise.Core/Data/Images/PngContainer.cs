using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Practise.Core.Data;

/// <summary>The fields of a PNG's IHDR chunk that decide the decoded layout, and whether a palette has transparency.</summary>
internal readonly record struct PngHeader(long Width, long Height, int ColorType, bool HasTransparency)
{
    private const int Palette = 3;

    /// <summary>
    /// The channels the image has as stored, which ImageReadMode.UNCHANGED returns: grey 1, grey+alpha 2, RGB 3,
    /// RGBA 4; a palette is expanded to RGB, or RGBA when a tRNS chunk gives it transparency (as PIL does).
    /// </summary>
    public int Channels => ColorType switch
    {
        0 => 1,
        4 => 2,
        2 => 3,
        Palette => HasTransparency ? 4 : 3,
        _ => 4, // 6: RGBA
    };
}

/// <summary>
/// Walks a PNG's chunks and checks each one's length and CRC, so damage is named precisely ("truncated PNG data",
/// "IDAT: CRC error") before the decoder runs: Skia's codec only says that input was incomplete or invalid. The
/// pixels themselves (zlib, filters, interlacing) are left to the decoder.
/// </summary>
internal static class PngContainer
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    private const string Format = "PNG";

    /// <summary>Returns the header of an intact PNG, which starts with <see cref="Signature"/>.</summary>
    /// <exception cref="InvalidImageDataException">A chunk is cut off, fails its CRC, or is out of place.</exception>
    public static PngHeader Read(ReadOnlySpan<byte> data)
    {
        var offset = Signature.Length;
        var first = NextChunk(data, ref offset);
        if (first.Name != "IHDR") throw InvalidImageDataException.Corrupt(Format, $"{first.Name}: chunk before IHDR");
        var header = ReadHeader(first.Body);
        // Refuse decompression bombs here, before the decoder sees the header and allocates.
        ImageLimits.CheckDimensions(header.Width, header.Height, Format);
        var hasTransparency = false;
        var hasImageData = false;
        while (true)
        {
            var chunk = NextChunk(data, ref offset);
            switch (chunk.Name)
            {
                case "tRNS" when chunk.Intact:
                    hasTransparency = header.ColorType == 3;
                    break;
                case "IDAT":
                    hasImageData = true;
                    break;
                case "IEND" when hasImageData:
                    return header with { HasTransparency = hasTransparency };
                case "IEND":
                    throw InvalidImageDataException.Corrupt(Format, "IEND: no IDAT chunk before the end of the image");
            }
        }
    }

    // Reads the chunk at offset and moves offset past it.
    private static Chunk NextChunk(ReadOnlySpan<byte> data, ref int offset)
    {
        if (data.Length - offset < 8) throw InvalidImageDataException.Truncated(Format);
        var length = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        var type = data.Slice(offset + 4, 4);
        var name = ChunkName(type);
        // PNG caps chunk lengths at 2^31 - 1; anything above is damage, not a chunk to wait for.
        if (length > int.MaxValue) throw InvalidImageDataException.Corrupt(Format, $"{name}: chunk length {length} out of range");
        if (data.Length - offset - 12 < length) throw InvalidImageDataException.Truncated(Format);
        var body = data.Slice(offset + 8, (int)length);
        var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(offset + 8 + (int)length)..]);
        // The CRC covers the chunk's type and data, not its length.
        var intact = Crc32.HashToUInt32(data.Slice(offset + 4, 4 + (int)length)) == storedCrc;
        // As libpng: a damaged critical chunk is fatal, a damaged ancillary one (lower-case first letter) is ignored.
        var critical = (type[0] & 0x20) == 0;
        if (!intact && critical) throw InvalidImageDataException.Corrupt(Format, $"{name}: CRC error");
        offset += 12 + (int)length;
        return new Chunk(name, body, intact);
    }

    private readonly ref struct Chunk(string name, ReadOnlySpan<byte> body, bool intact)
    {
        public string Name { get; } = name;

        public ReadOnlySpan<byte> Body { get; } = body;

        public bool Intact { get; } = intact;
    }

    private static PngHeader ReadHeader(ReadOnlySpan<byte> body)
    {
        if (body.Length != 13) throw InvalidImageDataException.Corrupt(Format, $"IHDR: {body.Length} bytes long, expected 13");
        int bitDepth = body[8], colorType = body[9], interlace = body[12];
        int[] depths = colorType switch
        {
            0 => [1, 2, 4, 8, 16],
            3 => [1, 2, 4, 8],
            2 or 4 or 6 => [8, 16],
            _ => throw InvalidImageDataException.Corrupt(Format, $"IHDR: unknown colour type {colorType}"),
        };
        if (!depths.Contains(bitDepth))
            throw InvalidImageDataException.Corrupt(Format, $"IHDR: bit depth {bitDepth} is invalid for colour type {colorType}");
        if (interlace > 1) throw InvalidImageDataException.Corrupt(Format, $"IHDR: unknown interlace method {interlace}");
        return new PngHeader(BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]), colorType, HasTransparency: false);
    }

    // Chunk types are four ASCII letters; anything else means the walk has left the chunk structure.
    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        foreach (var letter in type)
        {
            if (!char.IsAsciiLetter((char)letter))
                throw InvalidImageDataException.Corrupt(Format, $"invalid chunk type {Convert.ToHexString(type)}");
        }
        return Encoding.ASCII.GetString(type);
    }
}
