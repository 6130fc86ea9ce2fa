using Practise.Manifest;

namespace Practise.Cache;

/// <summary>
/// A cross-process exclusive lock: a lock file opened with FileShare.None (an flock on Unix, a share-mode lock on
/// Windows), retried with a small randomised back-off until a timeout. The OS drops it when a holder dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var deadline = DateTime.UtcNow + timeout;
        var delay = 5;
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay + Random.Shared.Next(delay));
                delay = Math.Min(delay * 2, 100);
            }
            catch (IOException exception)
            {
                throw new CacheException(ErrorCodes.CacheLockTimeout,
                    $"could not lock {path} within {timeout.TotalSeconds:0.#} s (another practise process is holding it; if none is running, delete the file)",
                    exception);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>A cache failure that cannot be treated as a miss.</summary>
public sealed class CacheException(string code, string message, Exception? inner = null) : Exception($"error {code}: {message}", inner)
{
    public string Code { get; } = code;
}
