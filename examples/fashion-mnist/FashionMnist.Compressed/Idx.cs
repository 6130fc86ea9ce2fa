using System.IO.Compression;

namespace FashionMnist.Compressed;

/// <summary>An IDX file of unsigned bytes (LeCun's MNIST format), gzipped or not: its dimensions and its values.</summary>
public sealed record Idx(int[] Shape, byte[] Values)
{
    public static Idx Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new BinaryReader(stream);
        var magic = reader.ReadBytes(4);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != 0x08)
            throw new InvalidDataException($"{path}: not an IDX file of unsigned bytes");
        var shape = Enumerable.Range(0, magic[3]).Select(_ => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(reader.ReadBytes(4))).ToArray();
        var values = reader.ReadBytes(shape.Aggregate(1, (product, size) => product * size));
        return new Idx(shape, values);
    }
}
