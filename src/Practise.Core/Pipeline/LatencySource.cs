using Practise.Cache;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Progress;

namespace Practise.Core.Pipeline;

/// <summary>Where a run's latency figures come from: a pinned profile, the cache's profile for this machine, or a new profile file.</summary>
public static class LatencySource
{
    public static MeasurementSettings Settings(Manifest.Manifest manifest) =>
        MeasurementSettings.From(manifest.Latency, manifest.Model.Input, manifest.Data.Seed);

    /// <summary>
    /// A pinned profile (latency.profile) is read-only, so CI on other hardware reproduces the selection; otherwise
    /// measurements live in the cache as a profile per machine and setting, extended as new variants are asked for.
    /// </summary>
    public static LatencyEstimator Open(Manifest.Manifest manifest, PrunableModel latencyTeacher, CacheRunner cache, IProgressSink progress)
    {
        if (manifest.Latency.Profile is { } pinned)
        {
            try
            {
                return new LatencyEstimator(LatencyProfile.Load(pinned), LatencyProfileMode.Read);
            }
            catch (LatencyProfileException e)
            {
                throw new PractiseException(PipelineErrors.LatencyProfile, $"latency.profile: {e.Message}", e);
            }
        }
        var settings = Settings(manifest);
        var fingerprint = DeviceFingerprint.Current(settings.Threads, latencyTeacher.DeviceOf(), settings.Runtime);
        var key = LatencyKind.Key(manifest.Model.Arch, latencyTeacher.Architecture.DroppedBlocks,
            [settings.Channels, settings.Height, settings.Width], manifest.Latency, fingerprint.Id);
        // Other processes sharing the cache extend the same entry: the runner extends it under the cache's lock.
        var cached = new CachedLatencyProfile(cache, key);
        var profile = cached.TryLoad(progress.Log) ?? LatencyProfile.Create(cached.Path, latencyTeacher.Architecture, fingerprint, settings);
        return new LatencyEstimator(profile, LatencyProfileMode.Extend, cached);
    }

    /// <summary>Measures into a new profile at <paramref name="path"/> instead of the cache (practise latency).</summary>
    public static LatencyEstimator Fresh(Manifest.Manifest manifest, PrunableModel latencyTeacher, string path)
    {
        var settings = Settings(manifest);
        var fingerprint = DeviceFingerprint.Current(settings.Threads, latencyTeacher.DeviceOf(), settings.Runtime);
        return new LatencyEstimator(LatencyProfile.Create(path, latencyTeacher.Architecture, fingerprint, settings), LatencyProfileMode.Extend);
    }
}
