namespace Practise.Core.Latency;

/// <summary>
/// Where an extended latency profile is kept: its own file (<see cref="LatencyProfileFile"/>, what <c>practise latency</c>
/// writes) or a cache entry of kind latency (<see cref="CachedLatencyProfile"/>, what compress and score extend).
/// </summary>
public interface ILatencyProfileStore
{
    /// <summary>
    /// Adds to <paramref name="profile"/> what other writers saved since it was loaded, runs <paramref name="addFresh"/>
    /// (which adds this process's new figures where the profile still lacks them), and saves the result; ordered with
    /// other writers of the same place where it can be shared.
    /// </summary>
    void Extend(LatencyProfile profile, Action addFresh);
}

/// <summary>A profile kept in the file at its <see cref="LatencyProfile.Path"/>, written by one process at a time.</summary>
public sealed class LatencyProfileFile : ILatencyProfileStore
{
    public static LatencyProfileFile Instance { get; } = new();

    public void Extend(LatencyProfile profile, Action addFresh)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(addFresh);
        profile.MergeSaved();
        addFresh();
        profile.Save();
    }
}
