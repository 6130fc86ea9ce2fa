using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Practise.Manifest.Cache;

/// <summary>Something wrong with one entry that was handled by treating it as missing.</summary>
public sealed record CacheProblem(string Code, string Path, string Message);

/// <summary>One stored entry, as listed.</summary>
public sealed record CacheEntryInfo(string Kind, string Hash, string Path, long Size, DateTime LastWriteUtc, IReadOnlyDictionary<string, string> Fields, bool Valid);

/// <summary>
/// Content-addressed store for expensive results (recoverability scores, latencies): entries live in
/// <c>&lt;dir&gt;/&lt;kind&gt;/&lt;first 2 hex&gt;/&lt;hash&gt;.json</c> with the value and its SHA-256 checksum.
/// Writes are atomic (temp file + rename) under a cross-process lock, so concurrent runs sharing a cache are safe;
/// a corrupt entry is reported through <c>onProblem</c> and treated as missing. See docs/cache.md.
/// </summary>
public sealed class ScoreCache(string directory, Action<CacheProblem>? onProblem = null, TimeSpan? lockTimeout = null)
{
    private const int FormatVersion = 1;
    private const string LockFileName = ".lock";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public string Directory { get; } = Path.GetFullPath(directory);

    public TimeSpan LockTimeout { get; } = lockTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Where the entry for <paramref name="key"/> lives (whether or not it exists).</summary>
    public string PathOf(CacheKey key) => Path.Combine(Directory, key.Kind, key.Hash[..2], key.Hash + ".json");

    public bool TryGet<T>(CacheKey key, out T value)
    {
        value = default!;
        if (Read(PathOf(key), key.Hash) is not { } node)
        {
            return false;
        }
        try
        {
            value = node.Deserialize<T>()!;
            return true;
        }
        catch (JsonException exception)
        {
            Report(PathOf(key), $"value does not read as {typeof(T).Name}: {exception.Message}");
            return false;
        }
    }

    public void Set<T>(CacheKey key, T value)
    {
        var valueNode = JsonSerializer.SerializeToNode(value);
        var entry = new JsonObject
        {
            ["format"] = FormatVersion,
            ["kind"] = key.Kind,
            ["hash"] = key.Hash,
            ["fields"] = new JsonObject(key.Fields.Select(field => KeyValuePair.Create(field.Key, (JsonNode?)field.Value))),
            ["written"] = DateTime.UtcNow.ToString("O"),
            ["value"] = valueNode,
            ["checksum"] = Checksum(valueNode),
        };
        var path = PathOf(key);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        // The whole write is under the lock so clear cannot delete the folder between the temporary write and the rename.
        using (Lock())
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    stream.Write(Encoding.UTF8.GetBytes(entry.ToJsonString(Indented) + "\n"));
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The cached value, or <paramref name="compute"/>'s result, stored for next time.</summary>
    public T GetOrAdd<T>(CacheKey key, Func<T> compute)
    {
        if (TryGet<T>(key, out var cached))
        {
            return cached;
        }
        var value = compute();
        Set(key, value);
        return value;
    }

    public bool Remove(CacheKey key)
    {
        using (Lock())
        {
            var path = PathOf(key);
            var existed = File.Exists(path);
            File.Delete(path);
            return existed;
        }
    }

    /// <summary>Every entry (optionally of one kind), checked, sorted by kind then hash.</summary>
    public IReadOnlyList<CacheEntryInfo> List(string? kind = null)
    {
        var entries = new List<CacheEntryInfo>();
        foreach (var file in EntryFiles(kind))
        {
            var hash = Path.GetFileNameWithoutExtension(file);
            var entryKind = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            var info = new FileInfo(file);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var valid = Read(file, hash, fields, report: false) is not null;
            entries.Add(new CacheEntryInfo(entryKind, hash, file, info.Length, info.LastWriteTimeUtc, fields, valid));
        }
        return entries.OrderBy(entry => entry.Kind, StringComparer.Ordinal).ThenBy(entry => entry.Hash, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes every entry (optionally of one kind) and leftover temporary files; returns the number of entries removed.</summary>
    public int Clear(string? kind = null)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return 0;
        }
        using (Lock())
        {
            var removed = EntryFiles(kind).Count();
            foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory).Where(folder => kind is null || Path.GetFileName(folder) == kind).ToList())
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }
            return removed;
        }
    }

    private IEnumerable<string> EntryFiles(string? kind)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var roots = kind is null ? System.IO.Directory.EnumerateDirectories(Directory) : [Path.Combine(Directory, kind)];
        // Only files in the entry layout: other files live in the folder too (latency profiles, <kind>/<hash>.profile.json).
        return roots.Where(System.IO.Directory.Exists)
            .SelectMany(root => System.IO.Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
            .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) is { Length: 2 } shard
                && Path.GetFileNameWithoutExtension(file).StartsWith(shard, StringComparison.Ordinal)
                && !Path.GetFileNameWithoutExtension(file).Contains('.', StringComparison.Ordinal));
    }

    /// <summary>
    /// The cache's cross-process lock (not reentrant), also for files in the folder that the cache does not format
    /// itself (latency profiles), so their writers are ordered with each other and with <see cref="Clear"/>.
    /// </summary>
    public FileLock Lock() => FileLock.Acquire(Path.Combine(Directory, LockFileName), LockTimeout);

    private JsonNode? Read(string path, string hash, Dictionary<string, string>? fields = null, bool report = true)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        string? problem;
        JsonNode? value = null;
        try
        {
            var entry = JsonNode.Parse(text)?.AsObject();
            foreach (var (name, field) in entry?["fields"]?.AsObject() ?? [])
            {
                fields?.TryAdd(name, field?.ToString() ?? "");
            }
            value = entry?["value"];
            problem = entry is null ? "empty entry"
                : entry["format"]?.GetValue<int>() != FormatVersion ? "unknown entry format"
                : entry["hash"]?.GetValue<string>() != hash ? "entry is stored under the wrong hash"
                : entry["checksum"]?.GetValue<string>() != Checksum(value) ? "checksum mismatch (entry modified or partly written)"
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            problem = $"unreadable entry ({exception.Message})";
        }
        if (problem is null)
        {
            return value;
        }
        if (report)
        {
            Report(path, problem);
        }
        return null;
    }

    private void Report(string path, string message) =>
        onProblem?.Invoke(new CacheProblem(ErrorCodes.CorruptCacheEntry, path, $"{message}; recomputing"));

    private static string Checksum(JsonNode? value) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null")));
}
