using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Practise.Cache;

/// <summary>
/// Names a cached value by what it was computed from. The hash is SHA-256 over a canonical encoding: a format tag,
/// the kind, then the fields sorted by name, each as length-prefixed name, a type tag and length-prefixed value bytes.
/// Sorting makes the order fields are added in irrelevant; length prefixes make ("ab","c") and ("a","bc") differ;
/// type tags make 1 (integer) and "1" (text) differ.
/// </summary>
public sealed class CacheKey
{
    private const string Format = "practise-cache-key/v1";
    private readonly SortedDictionary<string, (char Tag, byte[] Bytes, string Display)> fields = new(StringComparer.Ordinal);
    private string? hash;

    public CacheKey(string kind)
    {
        if (string.IsNullOrEmpty(kind) || kind.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            throw new ArgumentException($"Cache kind '{kind}' must be lower-case letters, digits and '-' (it names a folder).", nameof(kind));
        }
        Kind = kind;
    }

    /// <summary>The family of values (e.g. recoverability, latency); each gets its own folder.</summary>
    public string Kind { get; }

    /// <summary>The fields as readable text, for listings and debugging.</summary>
    public IReadOnlyDictionary<string, string> Fields => fields.ToDictionary(entry => entry.Key, entry => entry.Value.Display, StringComparer.Ordinal);

    public CacheKey Add(string name, string value) => Put(name, 's', Encoding.UTF8.GetBytes(value), value);

    public CacheKey Add(string name, long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Put(name, 'i', bytes, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Doubles are keyed by their exact bits: 0.1 and 0.1000000001 are different settings.</summary>
    public CacheKey Add(string name, double value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value));
        return Put(name, 'd', bytes, value.ToString("R", CultureInfo.InvariantCulture));
    }

    public CacheKey Add(string name, bool value) => Put(name, 'b', [value ? (byte)1 : (byte)0], value ? "true" : "false");

    /// <summary>An ordered list; each item is length-prefixed. Sort first when the list is a set.</summary>
    public CacheKey Add(string name, IEnumerable<string> values)
    {
        var items = values.ToList();
        using var buffer = new MemoryStream();
        WriteLength(buffer, items.Count);
        foreach (var item in items)
        {
            WriteString(buffer, item);
        }
        return Put(name, 'l', buffer.ToArray(), "[" + string.Join(", ", items) + "]");
    }

    public CacheKey Add(string name, IEnumerable<int> values) =>
        Add(name, values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Lower-case hex SHA-256 of the canonical encoding.</summary>
    public string Hash => hash ??= Convert.ToHexStringLower(SHA256.HashData(Encode()));

    public override string ToString() => $"{Kind}/{Hash}";

    /// <summary>The exact bytes that are hashed.</summary>
    public byte[] Encode()
    {
        using var buffer = new MemoryStream();
        WriteString(buffer, Format);
        WriteString(buffer, Kind);
        WriteLength(buffer, fields.Count);
        foreach (var (name, (tag, bytes, _)) in fields)
        {
            WriteString(buffer, name);
            buffer.WriteByte((byte)tag);
            WriteLength(buffer, bytes.Length);
            buffer.Write(bytes);
        }
        return buffer.ToArray();
    }

    private CacheKey Put(string name, char tag, byte[] bytes, string display)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!fields.TryAdd(name, (tag, bytes, display)))
        {
            throw new ArgumentException($"Cache key field '{name}' was added twice.", nameof(name));
        }
        hash = null;
        return this;
    }

    private static void WriteString(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteLength(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteLength(Stream stream, int length)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        stream.Write(bytes);
    }
}
