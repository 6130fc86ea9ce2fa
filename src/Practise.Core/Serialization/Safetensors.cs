using System.Buffers.Binary;
using Practise.Cache;
using static TorchSharp.torch;

namespace Practise.Core.Serialization;

// Our own reader, not TorchSharp.PyBridge 1.4.4's Safetensors.LoadStateDict: that loads 9 of our 206 malformed test files
// (overlapping, holed or negative offsets, trailing bytes, repeated names) and fails the rest with unrelated exceptions.

/// <summary>
/// The safetensors format (8-byte little-endian header length, JSON header, one packed byte buffer): a strict
/// reader that rejects anything malformed, and a byte-reproducible writer (names sorted, header padded to 8 bytes).
/// </summary>
public static class Safetensors
{
    // Tensor bytes travel through a buffer this size: Stream.CopyTo's, just under the large object heap.
    private const int CopyBufferBytes = 81920;

    /// <summary>
    /// Reads every tensor onto the CPU. The caller owns them: they are outside any DisposeScope, so dispose them
    /// (or attach them to a scope) when done. Throws SafetensorsException naming the file.
    /// </summary>
    public static Dictionary<string, Tensor> Load(string path) => ReadFile(path, stream => ReadTensors(path, stream));

    /// <summary>The free-form string metadata stored under "__metadata__" (empty when absent); checks the header as Load does.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) =>
        ReadFile(path, stream => SafetensorsHeader.Read(path, stream).Metadata);

    /// <summary>Writes atomically (AtomicFile: temp file, flush, rename) so an interrupted save never leaves a half-written file.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var layout = Plan(tensors, metadata);
        AtomicFile.Write(path, stream => Write(stream, tensors, layout));
    }

    /// <summary>Writes the file's bytes to <paramref name="stream"/> (a cache blob), as <see cref="Save"/> would to a file.</summary>
    public static void WriteTo(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Write(stream, tensors, Plan(tensors, metadata));
    }

    /// <summary>The file's bytes: identical for identical tensors and metadata, and equal to what Python's fixture writer produces.</summary>
    public static byte[] Serialize(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var layout = Plan(tensors, metadata);
        var file = new byte[layout.FileLength];
        using var stream = new MemoryStream(file);
        Write(stream, tensors, layout);
        return file;
    }

    /// <summary>The names in file order and the padded header; computed before anything is written.</summary>
    private sealed record Layout(string[] Names, byte[] Header, long FileLength);

    private static Layout Plan(IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.ContainsKey(SafetensorsHeader.MetadataKey))
            throw new ArgumentException($"'{SafetensorsHeader.MetadataKey}' is reserved for metadata and cannot name a tensor", nameof(tensors));
        var names = tensors.Keys.Order(SafetensorsHeaderText.KeyOrder).ToArray();
        var header = new SafetensorsHeaderText();
        if (metadata is { Count: > 0 }) header.Metadata(SafetensorsHeader.MetadataKey, metadata.OrderBy(pair => pair.Key, SafetensorsHeaderText.KeyOrder));
        long offset = 0;
        foreach (var name in names)
        {
            var tensor = tensors[name];
            var length = tensor.NumberOfElements * tensor.ElementSize;
            header.Tensor(name, SafetensorsDtypes.NameOf(tensor.dtype), tensor.shape, offset, offset + length);
            offset += length;
        }
        var headerBytes = header.ToPaddedBytes();
        return new Layout(names, headerBytes, 8 + headerBytes.Length + offset);
    }

    private static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, Layout layout)
    {
        Span<byte> headerLength = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(headerLength, (ulong)layout.Header.Length);
        stream.Write(headerLength);
        stream.Write(layout.Header);
        foreach (var name in layout.Names)
        {
            // Row-major bytes on the host whatever the tensor's device and strides (both are free when already so).
            using var host = tensors[name].cpu();
            using var contiguous = host.contiguous();
            contiguous.WriteBytesToStream(stream, CopyBufferBytes);
        }
    }

    private static Dictionary<string, Tensor> ReadTensors(string path, Stream stream)
    {
        var header = SafetensorsHeader.Read(path, stream);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            // The entries tile the data buffer in this order, so each tensor's bytes follow the previous one's.
            foreach (var entry in header.Entries)
            {
                // Detached so that a DisposeScope the caller happens to be in does not dispose weights it keeps.
                var tensor = empty(entry.Shape, dtype: entry.Type, device: CPU).DetachFromDisposeScope();
                tensors.Add(entry.Name, tensor);
                tensor.ReadBytesFromStream(stream, CopyBufferBytes);
            }
            return tensors;
        }
        catch
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
            throw;
        }
    }

    private static T ReadFile<T>(string path, Func<Stream, T> read)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // ArgumentException: an empty path or one with invalid characters; UnauthorizedAccessException: also a directory.
            throw CannotRead(path, e);
        }
        using (stream)
        {
            try
            {
                return read(stream);
            }
            catch (IOException e)
            {
                throw CannotRead(path, e);
            }
        }
    }

    private static SafetensorsException CannotRead(string path, Exception e) => new(path, $"cannot read the file ({e.Message})", e);
}
