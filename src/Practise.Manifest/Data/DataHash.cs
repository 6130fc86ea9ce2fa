using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Practise.Manifest.Data;

/// <summary>Fingerprints the selected training data: what a cached score was computed from.</summary>
public static class DataHash
{
    /// <summary>
    /// SHA-256 over each file's bytes in the given order, each preceded by its length (8 bytes, little-endian) so that
    /// moving bytes across a file boundary changes the hash. File names do not enter: renaming data keeps the cache.
    /// </summary>
    public static string OfFiles(IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in files)
        {
            AppendFile(hash, file, buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>As <see cref="OfFiles"/>, with each file's label (8 bytes, little-endian) before it: a labelled set's content.</summary>
    public static string OfLabelledFiles(IEnumerable<(string File, long Label)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        Span<byte> label = stackalloc byte[8];
        foreach (var (file, value) in files)
        {
            BinaryPrimitives.WriteInt64LittleEndian(label, value);
            hash.AppendData(label);
            AppendFile(hash, file, buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendFile(IncrementalHash hash, string file, byte[] buffer)
    {
        using var stream = File.OpenRead(file);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, stream.Length);
        hash.AppendData(length);
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }
}
