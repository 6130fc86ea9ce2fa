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

    /// <summary>
    /// Loads a file's tensors into a module by name (strict unless told otherwise) and releases the loaded copies.
    /// Throws SafetensorsException for a bad file and StateDictMismatchException for weights that do not fit.
    /// </summary>
    public static void LoadInto(nn.Module module, string path, bool strict = true)
    {
        var tensors = Load(path);
        try
        {
            module.load_state_dict(tensors, strict);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
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
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            // A full disk or a locked target must not leave the partial temp file behind.
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The file's bytes: identical for identical tensors and metadata, and equal to what Python's fixture writer produces.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (tensors.ContainsKey(MetadataKey)) throw new ArgumentException($"'{MetadataKey}' is reserved for metadata and cannot name a tensor", nameof(tensors));
        // Code-point order, as Python's sorted() and Rust's String ordering (UTF-16 ordinal differs beyond the BMP).
        var names = tensors.Keys.OrderBy(name => name, CodePointComparer).ToArray();
        var blobs = names.Select(name => tensors[name].bytes()).ToArray();
        var header = new SafetensorsHeaderText();
        if (metadata is { Count: > 0 }) header.Metadata(MetadataKey, metadata.OrderBy(pair => pair.Key, CodePointComparer));
        long offset = 0;
        for (var i = 0; i < names.Length; i++)
        {
            var tensor = tensors[names[i]];
            header.Tensor(names[i], DtypeName(tensor.dtype), tensor.shape, offset, offset + blobs[i].Length);
            offset += blobs[i].Length;
        }
        var headerBytes = header.ToPaddedBytes();

        var output = new byte[8 + headerBytes.Length + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(output, (ulong)headerBytes.Length);
        headerBytes.CopyTo(output, 8);
        var position = 8 + headerBytes.Length;
        foreach (var blob in blobs)
        {
            blob.CopyTo(output, position);
            position += blob.Length;
        }
        return output;
    }

    private static readonly Comparer<string> CodePointComparer = Comparer<string>.Create((left, right) =>
    {
        using var a = left.EnumerateRunes().GetEnumerator();
        using var b = right.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB) return hasA.CompareTo(hasB);
            var order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0) return order;
        }
    });

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
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: an empty path or one with invalid characters.
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
            var names = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    // JSON allows repeated keys; a repeated tensor would silently shadow the first.
                    if (!names.Add(property.Name)) throw new SafetensorsException(path, $"'{property.Name}' appears twice in the header");
                    if (property.Name == MetadataKey) ReadMetadataObject(path, property.Value, metadata);
                    else entries.Add(ReadEntry(path, property.Name, property.Value, dataLength));
                }
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json accepts escapes such as a lone "\ud800" but cannot turn them into a .NET string.
                throw new SafetensorsException(path, $"header is not valid: {e.Message}", e);
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
        long expected;
        try
        {
            expected = checked(sizes.Aggregate(1L, (product, size) => checked(product * size)) * ElementSize(type));
        }
        catch (OverflowException e)
        {
            throw new SafetensorsException(path, Problem($"shape [{string.Join(", ", sizes)}] is too large"), e);
        }
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
