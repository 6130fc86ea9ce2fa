using System.Text;

namespace Practise.Cache;

/// <summary>
/// The one way the tool writes a file (cache entries and blobs, latency profiles, safetensors, the artifacts): into a
/// hidden temporary file beside the target, <c>.&lt;name&gt;.&lt;process id&gt;.&lt;random&gt;.tmp</c> (unique, so concurrent
/// writers never share one, and skipped by every listing), flushed to disk, then renamed over the target. A reader sees
/// the old file or the new one, never part of one; the flush comes before the rename so that after a power loss the
/// target holds old or new bytes, not a renamed file whose data never reached the disk.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Streams the content through <paramref name="write"/>; creates the folder if needed.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            // Gone after a successful rename; after a failure (full disk, a throwing writer) no partial file stays behind.
            File.Delete(temporary);
        }
    }
}
