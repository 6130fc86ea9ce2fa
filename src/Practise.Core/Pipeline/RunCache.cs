using Practise.Cache;
using Practise.Core.Progress;

namespace Practise.Core.Pipeline;

/// <summary>The cache a run reads and fills: a damaged entry is reported as a warning and recomputed.</summary>
public static class RunCache
{
    public static CacheRunner Open(string directory, IProgressSink progress) =>
        new(new CacheStore(directory, problem => progress.Log($"warning {problem.Code}: {problem.Message} ({problem.Path})")));
}
