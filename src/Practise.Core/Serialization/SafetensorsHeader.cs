using System.Buffers.Binary;
using System.Text.Json;
using static TorchSharp.torch;

namespace Practise.Core.Serialization;

/// <summary>One tensor as the header describes it: its bytes are [Begin, End) of the data buffer.</summary>
internal sealed record SafetensorsEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End);

/// <summary>
/// The strict reading of a header: every entry has a known dtype and a shape that fills its byte range exactly, the
/// ranges tile the data buffer (no overlap, hole or trailing byte), and no name repeats. Anything else is a
/// <see cref="SafetensorsException"/>, decided from the header and the file's length before any data is read.
/// </summary>
internal sealed class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    // The header is JSON describing every tensor; anything near this size is a corrupt length, not a real header.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    private SafetensorsHeader(List<SafetensorsEntry> entries, Dictionary<string, string> metadata) =>
        (Entries, Metadata) = (entries, metadata);

    /// <summary>The tensors in data order: reading them one after another consumes the data buffer exactly.</summary>
    public IReadOnlyList<SafetensorsEntry> Entries { get; }

    /// <summary>The free-form strings under "__metadata__" (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads and checks the header at the start of the stream, leaving the stream at the data buffer.</summary>
    public static SafetensorsHeader Read(string path, Stream stream)
    {
        var fileLength = stream.Length;
        if (fileLength < 8) throw new SafetensorsException(path, $"file is {fileLength} bytes, too short for the 8-byte header length (truncated?)");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
            throw new SafetensorsException(path, $"header length {headerLength} exceeds the file's remaining {fileLength - 8} bytes (truncated or not a safetensors file)");
        var json = new byte[headerLength];
        stream.ReadExactly(json);
        return Parse(path, json, dataLength: fileLength - 8 - json.Length);
    }

    private static SafetensorsHeader Parse(string path, byte[] json, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SafetensorsException(path, $"header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new SafetensorsException(path, "header is not a JSON object");
            var entries = new List<SafetensorsEntry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    // JSON allows repeated keys; a repeated tensor would silently shadow the first.
                    if (!names.Add(property.Name)) throw new SafetensorsException(path, $"'{property.Name}' appears twice in the header");
                    if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
                    else entries.Add(ReadEntry(path, property.Name, property.Value, dataLength));
                }
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json accepts escapes such as a lone "\ud800" but cannot turn them into a .NET string.
                throw new SafetensorsException(path, $"header is not valid: {e.Message}", e);
            }
            var inDataOrder = entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End).ToList();
            CheckCoverage(path, inDataOrder, dataLength);
            return new SafetensorsHeader(inDataOrder, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new SafetensorsException(path, $"'{MetadataKey}' must be an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw new SafetensorsException(path, $"metadata '{item.Name}' is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafetensorsEntry ReadEntry(string path, string name, JsonElement value, long dataLength)
    {
        string Problem(string what) => $"tensor '{name}': {what}";
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new SafetensorsException(path, Problem("needs 'dtype', 'shape' and two 'data_offsets'"));
        var dtypeName = dtype.GetString()!;
        if (!SafetensorsDtypes.TryParse(dtypeName, out var type, out var elementSize))
            throw new SafetensorsException(path, Problem($"unknown dtype '{dtypeName}' (supported: {SafetensorsDtypes.SupportedNames})"));

        long[] sizes;
        long begin, end;
        try
        {
            sizes = shape.EnumerateArray().Select(size => size.GetInt64()).ToArray();
            begin = offsets[0].GetInt64();
            end = offsets[1].GetInt64();
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new SafetensorsException(path, Problem("shape and data_offsets must be whole numbers"), e);
        }
        var shapeText = $"[{string.Join(", ", sizes)}]";
        if (sizes.Any(size => size < 0)) throw new SafetensorsException(path, Problem($"negative size in shape {shapeText}"));
        if (begin < 0 || end < begin || end > dataLength)
            throw new SafetensorsException(path, Problem($"data_offsets [{begin}, {end}] fall outside the {dataLength}-byte data buffer (truncated file?)"));
        long expected;
        try
        {
            expected = checked(sizes.Aggregate(1L, (product, size) => checked(product * size)) * elementSize);
        }
        catch (OverflowException e)
        {
            throw new SafetensorsException(path, Problem($"shape {shapeText} is too large"), e);
        }
        if (end - begin != expected)
            throw new SafetensorsException(path, Problem($"shape {shapeText} of {dtypeName} needs {expected} bytes but data_offsets span {end - begin}"));
        return new SafetensorsEntry(name, type, sizes, begin, end);
    }

    // The format requires the tensors to tile the data buffer exactly: no overlaps and no holes.
    private static void CheckCoverage(string path, List<SafetensorsEntry> entriesInDataOrder, long dataLength)
    {
        long position = 0;
        foreach (var entry in entriesInDataOrder)
        {
            if (entry.Begin < position) throw new SafetensorsException(path, $"tensor '{entry.Name}' overlaps the previous tensor's bytes at offset {entry.Begin}");
            if (entry.Begin > position) throw new SafetensorsException(path, $"a hole of {entry.Begin - position} bytes precedes tensor '{entry.Name}'");
            position = entry.End;
        }
        if (position != dataLength) throw new SafetensorsException(path, $"data buffer is {dataLength} bytes but the tensors cover {position}");
    }
}
