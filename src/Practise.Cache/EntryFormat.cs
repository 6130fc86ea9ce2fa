using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Practise.Cache;

/// <summary>An entry as read: its value and the blobs it lists.</summary>
internal sealed record StoredEntry(JsonNode? Value, IReadOnlyList<BlobRecord> Blobs);

/// <summary>
/// An entry file: <c>format</c>, <c>kind</c>, <c>hash</c>, the key's <c>fields</c> as text, the <c>value</c>, the
/// <c>blobs</c> it owns (name → size and SHA-256; absent when none) and a <c>checksum</c> over value and blob list. It
/// holds nothing about the machine or the moment that wrote it, so the same computation writes the same bytes anywhere
/// and shard caches merge by copying (docs/cache.md). Entries without blobs are checksummed as format 1 always was.
/// </summary>
internal static class EntryFormat
{
    public const int Version = 1;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static byte[] Write(CacheKey key, JsonNode? value, IReadOnlyList<BlobRecord> blobs)
    {
        var blobList = blobs.Count == 0 ? null : new JsonObject(blobs.OrderBy(blob => blob.Name, StringComparer.Ordinal).Select(blob =>
            KeyValuePair.Create(blob.Name, (JsonNode?)new JsonObject { ["size"] = blob.Size, ["sha256"] = blob.Sha256 })));
        var entry = new JsonObject
        {
            ["format"] = Version,
            ["kind"] = key.Kind,
            ["hash"] = key.Hash,
            ["fields"] = new JsonObject(key.Fields.Select(field => KeyValuePair.Create(field.Key, (JsonNode?)field.Value))),
            ["value"] = value,
        };
        if (blobList is not null)
        {
            entry["blobs"] = blobList;
        }
        entry["checksum"] = Checksum(value, blobList);
        return Encoding.UTF8.GetBytes(entry.ToJsonString(Indented) + "\n");
    }

    /// <summary>The entry, or why it cannot be used; <paramref name="fields"/> receives the key's fields even then.</summary>
    public static StoredEntry? Read(string text, string hash, IDictionary<string, string>? fields, out string? problem)
    {
        try
        {
            var entry = JsonNode.Parse(text)?.AsObject();
            foreach (var (name, field) in entry?["fields"]?.AsObject() ?? [])
            {
                fields?.TryAdd(name, field?.ToString() ?? "");
            }
            var value = entry?["value"];
            var blobList = entry?["blobs"]?.AsObject();
            problem = entry is null ? "empty entry"
                : entry["format"]?.GetValue<int>() != Version ? "unknown entry format"
                : entry["hash"]?.GetValue<string>() != hash ? "entry is stored under the wrong hash"
                : entry["checksum"]?.GetValue<string>() != Checksum(value, blobList) ? "checksum mismatch (entry modified or partly written)"
                : null;
            if (problem is not null)
            {
                return null;
            }
            var blobs = (blobList ?? []).Select(blob => new BlobRecord(CacheBlob.CheckName(blob.Key),
                blob.Value?["size"]?.GetValue<long>() ?? throw new FormatException($"blob {blob.Key} has no size"),
                blob.Value?["sha256"]?.GetValue<string>() ?? throw new FormatException($"blob {blob.Key} has no sha256"))).ToList();
            return new StoredEntry(value, blobs);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = $"unreadable entry ({exception.Message})";
            return null;
        }
    }

    private static string Checksum(JsonNode? value, JsonObject? blobs)
    {
        var text = value?.ToJsonString() ?? "null";
        if (blobs is not null)
        {
            text += "\n" + blobs.ToJsonString();
        }
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
