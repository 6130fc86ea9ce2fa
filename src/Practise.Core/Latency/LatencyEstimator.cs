using Practise.Core.Models;
using static TorchSharp.torch;

namespace Practise.Core.Latency;

/// <summary>How an estimator uses its profile.</summary>
public enum LatencyProfileMode
{
    /// <summary>Pinned: every figure comes from the profile; a variant it lacks is an error (reproducible CI).</summary>
    Read,

    /// <summary>Figures come from the profile when they answer the request; otherwise it is measured and saved into it.</summary>
    Extend,
}

/// <summary>
/// Latency for block selection (docs/latency.md): the teacher and the requested variants are timed together in
/// adaptive paired rounds (<see cref="LatencyMeter"/>), every figure a per-round ratio to the teacher; or read from a
/// profile.
/// </summary>
/// <param name="store">
/// Where extensions are saved: the profile's own file by default; for a profile other processes extend too, the cache
/// (<see cref="CachedLatencyProfile"/>), under its cross-process lock.
/// </param>
public sealed class LatencyEstimator(LatencyProfile? profile = null, LatencyProfileMode mode = LatencyProfileMode.Read, ILatencyProfileStore? store = null)
{
    public LatencyProfile? Profile { get; } = profile;

    public LatencyProfileMode Mode { get; } = mode;

    /// <summary>Each single-block drop of the teacher (τ(B_i) of the paper, with its interval).</summary>
    public LatencyReport MeasureSingleDrops(PrunableModel teacher, IReadOnlyList<string> blocks, MeasurementSettings settings) =>
        Measure(teacher, blocks.Select(block => (IReadOnlyList<string>)[block]).ToList(), settings, LatencyDecision.Savings);

    /// <summary>
    /// Variants with sets of blocks dropped (original names, on top of any the teacher already lacks), as the decision
    /// needs them. Stored figures answer the request when the profile holds every set and they settle the decision
    /// (or it keeps unsettled figures), so a rerun decides from the same figures. Otherwise a new session measures the
    /// sets the profile lacks and, for a decision that does not keep unsettled figures, the stored ones again, their
    /// rounds appended; the result is saved when it settles the decision (or the decision keeps unsettled figures).
    /// <paramref name="fresh"/> ignores stored figures and replaces them: a re-measurement that must not lean on the
    /// session it checks. Without <paramref name="keep"/> nothing is saved
    /// until the caller accepts the figures (<see cref="Keep"/>).
    /// </summary>
    public LatencyReport Measure(PrunableModel teacher, IReadOnlyList<IReadOnlyList<string>> droppedSets, MeasurementSettings settings,
        LatencyDecision decision, bool fresh = false, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(droppedSets);
        ArgumentNullException.ThrowIfNull(decision);
        settings.Validate();
        var baseKey = teacher.Architecture.DroppedBlocks;
        var keys = droppedSets.Select(set => LatencyProfile.Key(baseKey.Concat(set))).ToList();
        var unique = keys.Distinct(StringComparer.Ordinal).ToList();
        var here = DeviceFingerprint.Current(settings.Threads, teacher.DeviceOf(), settings.Runtime);

        if (Profile is not null && Mode == LatencyProfileMode.Read)
        {
            Profile.CheckCompatible(teacher.Architecture, settings);
            return Report(Profile.Fingerprint, LatencyReport.FromProfile, droppedSets, keys, key => Profile.Lookup(Split(key)), null);
        }
        Profile?.CheckCompatible(teacher.Architecture, settings, extendingOn: here);
        var loaded = new Dictionary<string, PairedLatency>(StringComparer.Ordinal);
        if (Profile is not null)
            foreach (var key in unique)
                if (Profile.TryLookup(Split(key), out var figures)) loaded[key] = figures;
        var stored = fresh ? [] : loaded;
        if (stored.Count == unique.Count && (decision.KeepUnsettled || decision.Settled(keys.Select(key => stored[key]).ToList())))
            return Report(Profile!.Fingerprint, LatencyReport.FromProfile, droppedSets, keys, key => stored[key], null);

        // A decision that keeps unsettled figures takes stored ones as final and measures only the sets the profile
        // lacks: figures a ranking was built on (τ of a single drop, which is also the first prefix) never move under a
        // later request, so a rebuild ranks as this run did. A budget decision pools new rounds into every set instead.
        var measuring = decision.KeepUnsettled ? unique.Where(key => !stored.ContainsKey(key)).ToList() : unique;
        PairedLatency Pooled(string key, PairedLatency measured) => stored.TryGetValue(key, out var earlier) ? earlier.Append(measured) : measured;
        PairedLatency Current(string key, IReadOnlyList<PairedLatency> measured) =>
            measuring.IndexOf(key) is var index and >= 0 ? Pooled(key, measured[index]) : stored[key];
        var session = MeasureSession(teacher, measuring, settings, measured => decision.Settled(keys.Select(key => Current(key, measured)).ToList()));
        var result = measuring.ToDictionary(key => key, key => Current(key, session.Variants), StringComparer.Ordinal);
        if (keep && Profile is not null && (session.Summary.Settled || decision.KeepUnsettled))
        {
            var kept = Profile;
            (store ?? LatencyProfileFile.Instance).Extend(kept, () =>
            {
                // Another process sharing the profile may have saved figures for the same sets meanwhile: the first
                // saved win, and this run reports them, so concurrent runs decide from the same figures.
                foreach (var (key, figures) in result)
                    if (!OtherWriterSaved(kept, key, loaded)) kept.Set(Split(key), figures);
            });
            return Report(here, LatencyReport.Measured, droppedSets, keys, key => kept.Lookup(Split(key)), session.Summary);
        }
        return Report(here, LatencyReport.Measured, droppedSets, keys, key => result.TryGetValue(key, out var figures) ? figures : stored[key], session.Summary);
    }

    /// <summary>
    /// Saves the figures of a report measured with keep: false, once the caller has accepted them (a selection that
    /// passed its check), so a rerun that reads them decides as this run did. Figures read from the profile, or a
    /// pinned profile, are left as they are.
    /// </summary>
    public void Keep(PrunableModel teacher, LatencyReport report)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(report);
        if (Profile is null || Mode == LatencyProfileMode.Read || report.Source != LatencyReport.Measured) return;
        var kept = Profile;
        (store ?? LatencyProfileFile.Instance).Extend(kept, () =>
        {
            foreach (var variant in report.Variants) kept.Set(teacher.Architecture.DroppedBlocks.Concat(variant.Dropped), variant.Figures);
        });
    }

    private static bool OtherWriterSaved(LatencyProfile profile, string key, Dictionary<string, PairedLatency> loaded) =>
        profile.TryLookup(Split(key), out var now) && !(loaded.TryGetValue(key, out var before) && now.SameRounds(before));

    private static SessionResult MeasureSession(PrunableModel teacher, IReadOnlyList<string> keys, MeasurementSettings settings,
        Func<IReadOnlyList<PairedLatency>, bool> settled)
    {
        var variants = new List<PrunableModel>();
        try
        {
            foreach (var key in keys)
            {
                var extra = Split(key).Except(teacher.Architecture.DroppedBlocks, StringComparer.Ordinal);
                variants.Add(LatencyVariants.Build(teacher, extra));
            }
            using var timed = RuntimeModels.For([teacher, .. variants], settings);
            return LatencyMeter.Measure(timed.Models[0], timed.Models.Skip(1).ToList(), settings, settled);
        }
        finally
        {
            foreach (var model in variants) model.Dispose();
        }
    }

    private static LatencyReport Report(DeviceFingerprint fingerprint, string source, IReadOnlyList<IReadOnlyList<string>> droppedSets,
        IReadOnlyList<string> keys, Func<string, PairedLatency> figures, SessionSummary? session) =>
        new(fingerprint, source, droppedSets.Select((set, i) => new VariantLatency(set, figures(keys[i]))).ToList(), session);

    private static string[] Split(string key) => key.Length == 0 ? [] : key.Split(',');
}
