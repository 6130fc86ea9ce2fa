using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Practise.Core.Models;

/// <summary>A content hash for cache keys: equal exactly when the architecture and every weight's bytes are equal.</summary>
public static class ModelHash
{
    /// <summary>
    /// Lower-case hex SHA-256 over the canonical descriptor JSON, then each state_dict entry in ordinal name order as
    /// (name, dtype, shape, bytes); every field is length-prefixed so no two different models share a byte stream.
    /// </summary>
    public static string Compute(PrunableModel model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Encoding.UTF8.GetBytes(model.Architecture.ToCanonicalJson()));
        foreach (var (name, tensor) in model.state_dict().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Append(hash, Encoding.UTF8.GetBytes(name));
            Append(hash, Encoding.UTF8.GetBytes(tensor.dtype.ToString()));
            Append(hash, ShapeBytes(tensor.shape));
            using var host = tensor.cpu();
            using var contiguous = host.contiguous();
            Append(hash, contiguous.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static byte[] ShapeBytes(long[] shape)
    {
        var bytes = new byte[shape.Length * sizeof(long)];
        for (var i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), shape[i]);
        return bytes;
    }

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(length, field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }
}
