namespace Practise.Cache;

/// <summary>
/// A file to attach to an entry (weights, a checkpoint): its name, which becomes the file's suffix
/// (<c>&lt;hash&gt;.&lt;name&gt;</c>), and what writes its bytes.
/// </summary>
public sealed record CacheBlob(string Name, Action<Stream> Write)
{
    /// <summary>
    /// Lower-case letters, digits, '.', '-' and '_', not starting with '.', and not "json" (that suffix is the entry's
    /// own file): a blob name is part of a file name in every cache on every OS.
    /// </summary>
    public static string CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '.' || name == "json"
            || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_')))
        {
            throw new ArgumentException($"Blob name '{name}' must be lower-case letters, digits, '.', '-' or '_', not start with '.', and not be 'json'.", nameof(name));
        }
        return name;
    }
}

/// <summary>The blobs of an entry that was read, each already checked against its recorded size and SHA-256.</summary>
public sealed class CacheBlobs(IReadOnlyDictionary<string, string> paths)
{
    public static CacheBlobs None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public IEnumerable<string> Names => paths.Keys;

    /// <summary>Where blob <paramref name="name"/> lies; false when the entry has no such blob (an entry from an older layout).</summary>
    public bool TryGetPath(string name, out string path) => paths.TryGetValue(name, out path!);
}

/// <summary>A blob as the entry records it: what reads check the file against.</summary>
internal sealed record BlobRecord(string Name, long Size, string Sha256);
