using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Practise.Manifest;

namespace Practise.Cache;

/// <summary>Something wrong with one entry that was handled by treating it as missing.</summary>
public sealed record CacheProblem(string Code, string Path, string Message);

/// <summary>
/// One stored entry, as listed. <paramref name="Size"/> counts its blobs; <paramref name="Valid"/> checks the entry's
/// checksum and that each blob is present at its recorded size (a read also checks each blob's SHA-256).
/// </summary>
public sealed record CacheEntryInfo(string Kind, string Hash, string Path, long Size, DateTime LastWriteUtc, IReadOnlyDictionary<string, string> Fields, bool Valid);

/// <summary>
/// The content-addressed store under every cached stage: <c>&lt;dir&gt;/&lt;kind&gt;/&lt;first 2 hex&gt;/&lt;hash&gt;.json</c>
/// holds a value (format: <see cref="EntryFormat"/>), and <c>&lt;hash&gt;.&lt;name&gt;</c> beside it each blob the entry owns.
/// Writes go through <see cref="AtomicFile"/> under a cross-process lock, blobs first and the entry last, so an entry
/// present means its blobs are complete; a damaged entry or blob is reported through <c>onProblem</c> and read as a
/// miss, never an error. Reads take no lock. See docs/cache.md.
/// </summary>
public sealed class CacheStore(string directory, Action<CacheProblem>? onProblem = null, TimeSpan? lockTimeout = null)
{
    private const string LockFileName = ".lock";

    public string Directory { get; } = Path.GetFullPath(directory);

    public TimeSpan LockTimeout { get; } = lockTimeout ?? TimeSpan.FromSeconds(30);

    /// <summary>Where the entry for <paramref name="key"/> lives (whether or not it exists).</summary>
    public string PathOf(CacheKey key) => Path.Combine(FolderOf(key), key.Hash + ".json");

    /// <summary>Where blob <paramref name="name"/> of the entry for <paramref name="key"/> lives.</summary>
    public string BlobPath(CacheKey key, string name) => Path.Combine(FolderOf(key), $"{key.Hash}.{CacheBlob.CheckName(name)}");

    public bool TryGet<T>(CacheKey key, out T value) => TryGet(key, out value, out _);

    /// <summary>The stored value and its blobs, each blob checked against its size and SHA-256 first.</summary>
    public bool TryGet<T>(CacheKey key, out T value, out CacheBlobs blobs)
    {
        value = default!;
        blobs = CacheBlobs.None;
        var path = PathOf(key);
        if (Read(path, key.Hash) is not { } entry)
        {
            return false;
        }
        if (entry.Blobs.Select(blob => Damage(key, blob)).FirstOrDefault(problem => problem is not null) is { } damage)
        {
            Report(path, damage);
            return false;
        }
        try
        {
            value = entry.Value.Deserialize<T>()!;
        }
        catch (JsonException exception)
        {
            Report(path, $"value does not read as {typeof(T).Name}: {exception.Message}");
            return false;
        }
        blobs = new CacheBlobs(entry.Blobs.ToDictionary(blob => blob.Name, blob => BlobPath(key, blob.Name), StringComparer.Ordinal));
        return true;
    }

    /// <summary>
    /// Stores <paramref name="value"/> and its blobs: each blob written atomically and checksummed, the entry last;
    /// then blobs of the entry's previous version that this one does not list are deleted. All of it holds the lock,
    /// so two writers of one entry never mix their blobs and <see cref="Clear"/> never empties a folder mid-write.
    /// </summary>
    public void Set<T>(CacheKey key, T value, IReadOnlyList<CacheBlob>? blobs = null)
    {
        using (Lock())
        {
            Write(key, JsonSerializer.SerializeToNode(value), blobs ?? []);
        }
    }

    /// <summary>
    /// Read, change and write one entry under the lock, for a value that grows (a latency profile): <paramref name="update"/>
    /// sees what is stored now (null when nothing usable is), so concurrent writers extend the entry instead of
    /// overwriting each other's additions.
    /// </summary>
    public T Update<T>(CacheKey key, Func<T?, T> update) where T : class
    {
        ArgumentNullException.ThrowIfNull(update);
        using (Lock())
        {
            var updated = update(TryGet<T>(key, out var stored) ? stored : null);
            Write(key, JsonSerializer.SerializeToNode(updated), []);
            return updated;
        }
    }

    /// <summary>Deletes the entry and its blobs.</summary>
    public bool Remove(CacheKey key)
    {
        using (Lock())
        {
            var path = PathOf(key);
            var existed = File.Exists(path);
            File.Delete(path);
            DeleteBlobs(key, keep: new HashSet<string>());
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
            var entry = Read(file, hash, fields, report: false);
            var blobs = entry?.Blobs ?? [];
            var blobFiles = blobs.Select(blob => new FileInfo(Path.Combine(info.DirectoryName!, $"{hash}.{blob.Name}"))).ToList();
            var valid = entry is not null && blobs.Zip(blobFiles).All(pair => pair.Second.Exists && pair.Second.Length == pair.First.Size);
            var size = info.Length + blobFiles.Where(blob => blob.Exists).Sum(blob => blob.Length);
            entries.Add(new CacheEntryInfo(entryKind, hash, file, size, info.LastWriteTimeUtc, fields, valid));
        }
        return entries.OrderBy(entry => entry.Kind, StringComparer.Ordinal).ThenBy(entry => entry.Hash, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes every entry (optionally of one kind) with its blobs and any leftover temporary files; returns the number of entries removed.</summary>
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

    /// <summary>The cache's cross-process lock (not reentrant): held by every write, removal and clear.</summary>
    public FileLock Lock() => FileLock.Acquire(Path.Combine(Directory, LockFileName), LockTimeout);

    private string FolderOf(CacheKey key) => Path.Combine(Directory, key.Kind, key.Hash[..2]);

    /// <summary>Under the lock: blobs, then the entry, then the previous version's leftover blobs.</summary>
    private void Write(CacheKey key, JsonNode? value, IReadOnlyList<CacheBlob> blobs)
    {
        if (blobs.Select(blob => blob.Name).Distinct(StringComparer.Ordinal).Count() != blobs.Count)
        {
            throw new ArgumentException($"Blob names of {key} must be distinct.", nameof(blobs));
        }
        var records = new List<BlobRecord>();
        foreach (var blob in blobs)
        {
            var path = BlobPath(key, blob.Name);
            AtomicFile.Write(path, blob.Write);
            // Hashed from the file, not while writing: the writer may be any stream code, and the lock keeps the file ours.
            records.Add(new BlobRecord(blob.Name, new FileInfo(path).Length, Sha256(path)));
        }
        AtomicFile.WriteAllBytes(PathOf(key), EntryFormat.Write(key, value, records));
        DeleteBlobs(key, keep: records.Select(record => record.Name).ToHashSet(StringComparer.Ordinal));
    }

    private void DeleteBlobs(CacheKey key, IReadOnlySet<string> keep)
    {
        var folder = FolderOf(key);
        if (!System.IO.Directory.Exists(folder))
        {
            return;
        }
        var entryFile = key.Hash + ".json";
        foreach (var file in System.IO.Directory.EnumerateFiles(folder, key.Hash + ".*").ToList())
        {
            var name = Path.GetFileName(file);
            if (name != entryFile && !keep.Contains(name[(key.Hash.Length + 1)..]))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Why a blob cannot be used, or null when it can.</summary>
    private string? Damage(CacheKey key, BlobRecord blob)
    {
        var file = new FileInfo(BlobPath(key, blob.Name));
        return !file.Exists ? $"blob {blob.Name} is missing"
            : file.Length != blob.Size ? $"blob {blob.Name} has {file.Length} bytes, not the {blob.Size} recorded"
            : Sha256(file.FullName) != blob.Sha256 ? $"blob {blob.Name} does not match its checksum (modified or partly written)"
            : null;
    }

    private IEnumerable<string> EntryFiles(string? kind)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }
        var roots = kind is null ? System.IO.Directory.EnumerateDirectories(Directory) : [Path.Combine(Directory, kind)];
        // Only files in the entry layout: blobs (<hash>.<name>) and temporary files (.<name>…tmp) share the folders.
        return roots.Where(System.IO.Directory.Exists)
            .SelectMany(root => System.IO.Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
            .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) is { Length: 2 } shard
                && Path.GetFileNameWithoutExtension(file).StartsWith(shard, StringComparison.Ordinal)
                && !Path.GetFileNameWithoutExtension(file).Contains('.', StringComparison.Ordinal));
    }

    private StoredEntry? Read(string path, string hash, Dictionary<string, string>? fields = null, bool report = true)
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
        var entry = EntryFormat.Read(text, hash, fields, out var problem);
        if (problem is not null && report)
        {
            Report(path, problem);
        }
        return entry;
    }

    private void Report(string path, string message) =>
        onProblem?.Invoke(new CacheProblem(ErrorCodes.CorruptCacheEntry, path, $"{message}; recomputing"));

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
