using Practise.Core.Models;
using static TorchSharp.torch;

namespace Practise.Core.Latency;

/// <summary>How an estimator uses its profile.</summary>
public enum LatencyProfileMode
{
    /// <summary>Pinned: every figure comes from the profile; a variant it lacks is an error (reproducible CI).</summary>
    Read,

    /// <summary>Figures come from the profile when it has them all; otherwise the request is measured and saved into it.</summary>
    Extend,
}

/// <summary>
/// Latency for block selection (docs/algorithm.md, Algorithm 1 steps 1, 2a and 3): the teacher and its variants are measured
/// together in interleaved rounds, so their per-round differences judge each saving; or read from a pinned profile.
/// </summary>
/// <param name="store">
/// Where extensions are saved: the profile's own file by default; for a profile other processes extend too, the cache
/// (<see cref="CachedLatencyProfile"/>), under its cross-process lock. Extensions are merged with what the others saved
/// meanwhile, whose figures win over this process's fresh ones, so concurrent runs use and leave the same figures.
/// </param>
public sealed class LatencyEstimator(LatencyProfile? profile = null, LatencyProfileMode mode = LatencyProfileMode.Read, ILatencyProfileStore? store = null)
{
    public LatencyProfile? Profile { get; } = profile;

    public LatencyProfileMode Mode { get; } = mode;

    /// <summary>The teacher and each single-block drop of it (τ(B_i) of the paper, with its measurability).</summary>
    public LatencyReport MeasureSingleDrops(PrunableModel teacher, IReadOnlyList<string> blocks, MeasurementSettings settings) =>
        MeasureVariants(teacher, blocks.Select(block => (IReadOnlyList<string>)[block]).ToList(), settings);

    /// <summary>
    /// The teacher and each variant with a set of blocks dropped (original names, on top of any the teacher already
    /// lacks). Without a profile, or when extending one that lacks part of the request, the teacher and all requested
    /// variants are measured in the same rounds; an extension adds the entries the profile lacked and keeps the rest,
    /// so figures once used for a decision never change (savings across sessions are judged unpaired).
    /// </summary>
    public LatencyReport MeasureVariants(PrunableModel teacher, IReadOnlyList<IReadOnlyList<string>> droppedSets, MeasurementSettings settings)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(droppedSets);
        settings.Validate();
        var baseKey = teacher.Architecture.DroppedBlocks;
        var keys = droppedSets.Select(set => LatencyProfile.Key(baseKey.Concat(set))).ToList();
        var unique = keys.Distinct(StringComparer.Ordinal).Where(key => key != LatencyProfile.Key(baseKey)).ToList();
        var here = DeviceFingerprint.Current(settings.Threads, teacher.DeviceOf());

        Func<string, LatencyMeasurement> lookup;
        DeviceFingerprint fingerprint;
        string source;
        if (Profile is not null && (Mode == LatencyProfileMode.Read || Covers(Profile, baseKey, unique)))
        {
            Profile.CheckCompatible(teacher.Architecture, settings);
            lookup = key => Profile.Lookup(Split(key));
            (fingerprint, source) = (Profile.Fingerprint, LatencyReport.FromProfile);
        }
        else
        {
            Profile?.CheckCompatible(teacher.Architecture, settings, extendingOn: here);
            var measured = Measure(teacher, unique, settings);
            if (Profile is not null)
            {
                // Entries already in the profile are kept: figures that earlier decisions (τ, rankings) were made from
                // must not move under a rerun, or a cached run would choose differently from the first one.
                var kept = Profile;
                (store ?? LatencyProfileFile.Instance).Extend(kept, () =>
                {
                    var scale = SessionScale(kept, baseKey, measured[LatencyProfile.Key(baseKey)]);
                    foreach (var (key, measurement) in measured)
                        if (!kept.TryLookup(Split(key), out _)) kept.Set(Split(key), measurement.Scaled(scale));
                });
                lookup = key => Profile.Lookup(Split(key));
            }
            else
            {
                lookup = key => measured[key];
            }
            (fingerprint, source) = (here, LatencyReport.Measured);
        }

        var baseline = lookup(LatencyProfile.Key(baseKey));
        var variants = droppedSets.Select((set, i) =>
        {
            var measurement = lookup(keys[i]);
            return new VariantLatency(set, measurement, LatencySavings.Compute(baseline, measurement, settings.Seed));
        }).ToList();
        return new LatencyReport(fingerprint, source, baseline, variants);
    }

    /// <summary>Measurements by profile key: the teacher's under its own key, each variant's under its full dropped set.</summary>
    private static Dictionary<string, LatencyMeasurement> Measure(PrunableModel teacher, IReadOnlyList<string> variantKeys, MeasurementSettings settings)
    {
        var models = new List<PrunableModel>();
        try
        {
            foreach (var key in variantKeys)
            {
                var extra = Split(key).Except(teacher.Architecture.DroppedBlocks, StringComparer.Ordinal);
                models.Add(BlockSurgery.Prune(teacher, extra));
            }
            var measurements = LatencyMeter.Measure([teacher, .. models], settings);
            var result = new Dictionary<string, LatencyMeasurement>(StringComparer.Ordinal) { [LatencyProfile.Key(teacher.Architecture.DroppedBlocks)] = measurements[0] };
            for (var i = 0; i < variantKeys.Count; i++) result[variantKeys[i]] = measurements[i + 1];
            return result;
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }

    /// <summary>
    /// The factor that puts a new session's figures on the scale of the profile's stored baseline. The same machine
    /// runs faster or slower from one session to the next (other load, clocks: 55 ms one session, 68 ms another for
    /// the same model), so a variant timed today must not be set against a baseline timed yesterday as it is; what
    /// carries over is its ratio to the baseline timed in the same rounds.
    /// </summary>
    private static double SessionScale(LatencyProfile profile, IReadOnlyList<string> baseKey, LatencyMeasurement sessionBaseline) =>
        profile.TryLookup(baseKey, out var stored) && sessionBaseline.MedianMs > 0 ? stored.MedianMs / sessionBaseline.MedianMs : 1;

    private static bool Covers(LatencyProfile profile, IReadOnlyList<string> baseKey, IEnumerable<string> keys) =>
        profile.TryLookup(baseKey, out _) && keys.All(key => profile.TryLookup(Split(key), out _));

    private static string[] Split(string key) => key.Length == 0 ? [] : key.Split(',');
}
