using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static Practise.Torch.torch;

namespace Practise.Torch.Serialization;

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, one packed byte buffer): a strict
/// reader that rejects anything malformed, and a byte-reproducible writer (names sorted, header padded to 8 bytes).
/// </summary>
public static class Safetensors
{
    private const string MetadataKey = "__metadata__";

    // The header is JSON describing every tensor; anything near this size is a corrupt length, not a real header.
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    private static readonly Dictionary<string, ScalarType> ReadTypes = new()
    {
        ["F32"] = ScalarType.Float32,
        ["F64"] = ScalarType.Float64,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>Reads every tensor; the caller owns (and disposes) them. Throws SafetensorsException naming the file.</summary>
    public static Dictionary<string, Tensor> Load(string path)
    {
        var file = ReadFile(path);
        var (entries, _, dataStart) = ParseHeader(path, file);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var entry in entries)
            {
                var bytes = file.AsSpan((int)(dataStart + entry.Begin), (int)(entry.End - entry.Begin));
                tensors[entry.Name] = from_bytes(bytes, entry.Type, entry.Shape).DetachFromDisposeScope();
            }
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
        return tensors;
    }

    /// <summary>The free-form string metadata stored under "__metadata__" (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        var file = ReadFile(path);
        return ParseHeader(path, file).Metadata;
    }

    /// <summary>Writes atomically (temp file + rename) so an interrupted save never leaves a half-written file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var bytes = Serialize(tensors, metadata);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The file's bytes: identical for identical tensors and metadata.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(name => name, StringComparer.Ordinal).ToArray();
        var blobs = names.Select(name => tensors[name].bytes()).ToArray();
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            for (var i = 0; i < names.Length; i++)
            {
                var tensor = tensors[names[i]];
                json.WriteStartObject(names[i]);
                json.WriteString("dtype", DtypeName(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var size in tensor.shape) json.WriteNumberValue(size);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + blobs[i].Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += blobs[i].Length;
            }
            json.WriteEndObject();
        }
        var padding = (int)((8 - header.Length % 8) % 8);
        for (var i = 0; i < padding; i++) header.WriteByte((byte)' ');

        using var output = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        header.Position = 0;
        header.CopyTo(output);
        foreach (var blob in blobs) output.Write(blob);
        return output.ToArray();
    }

    private static string DtypeName(ScalarType type) =>
        ReadTypes.FirstOrDefault(pair => pair.Value == type).Key ?? throw new NotSupportedException($"safetensors has no name for {type}");

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new SafetensorsException(path, $"cannot read the file ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new SafetensorsException(path, $"cannot read the file ({e.Message})", e);
        }
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata, long DataStart) ParseHeader(string path, byte[] file)
    {
        if (file.Length < 8) throw new SafetensorsException(path, $"file is {file.Length} bytes, too short for the 8-byte header length (truncated?)");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
            throw new SafetensorsException(path, $"header length {headerLength} exceeds the file's remaining {file.Length - 8} bytes (truncated or not a safetensors file)");
        var dataStart = 8 + (long)headerLength;
        var dataLength = file.Length - dataStart;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new SafetensorsException(path, $"header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new SafetensorsException(path, "header is not a JSON object");
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadataObject(path, property.Value, metadata);
                    continue;
                }
                entries.Add(ReadEntry(path, property.Name, property.Value, dataLength));
            }
            CheckCoverage(path, entries, dataLength);
            return (entries, metadata, dataStart);
        }
    }

    private static void ReadMetadataObject(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new SafetensorsException(path, $"'{MetadataKey}' must be an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String) throw new SafetensorsException(path, $"metadata '{item.Name}' is not a string");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(string path, string name, JsonElement value, long dataLength)
    {
        string Problem(string what) => $"tensor '{name}': {what}";
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new SafetensorsException(path, Problem("needs 'dtype', 'shape' and two 'data_offsets'"));
        if (!ReadTypes.TryGetValue(dtype.GetString()!, out var type))
            throw new SafetensorsException(path, Problem($"unknown dtype '{dtype.GetString()}' (supported: {string.Join(", ", ReadTypes.Keys)})"));

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
        if (sizes.Any(size => size < 0)) throw new SafetensorsException(path, Problem($"negative size in shape [{string.Join(", ", sizes)}]"));
        if (begin < 0 || end < begin || end > dataLength)
            throw new SafetensorsException(path, Problem($"data_offsets [{begin}, {end}] fall outside the {dataLength}-byte data buffer (truncated file?)"));
        var expected = sizes.Aggregate(1L, (product, size) => checked(product * size)) * ElementSize(type);
        if (end - begin != expected)
            throw new SafetensorsException(path, Problem($"shape [{string.Join(", ", sizes)}] of {dtype.GetString()} needs {expected} bytes but data_offsets span {end - begin}"));
        return new Entry(name, type, sizes, begin, end);
    }

    // The format requires the tensors to tile the data buffer exactly: no overlaps and no holes.
    private static void CheckCoverage(string path, List<Entry> entries, long dataLength)
    {
        long position = 0;
        foreach (var entry in entries.OrderBy(entry => entry.Begin).ThenBy(entry => entry.End))
        {
            if (entry.Begin < position) throw new SafetensorsException(path, $"tensor '{entry.Name}' overlaps the previous tensor's bytes at offset {entry.Begin}");
            if (entry.Begin > position) throw new SafetensorsException(path, $"a hole of {entry.Begin - position} bytes precedes tensor '{entry.Name}'");
            position = entry.End;
        }
        if (position != dataLength) throw new SafetensorsException(path, $"data buffer is {dataLength} bytes but the tensors cover {position}");
    }
}
