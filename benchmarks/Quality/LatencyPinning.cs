using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Selection;
using Practise.Manifest;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// One latency profile for the whole benchmark, pinned in every cell, so all criteria rank and select with the same
/// figures. It starts as `practise latency` writes it (the teacher, every single drop, every prefix of the forward
/// order). A pinned profile is read-only in the engine, so before any cell runs, every ranking the pending cells will
/// use is computed (scores go to the engine's cache, where the cells find them) and all their prefixes the profile
/// lacks are measured in ONE paired session: figures from many sessions hours apart would drift apart on a
/// shared machine. Entries already in the profile never change; extending it needs the machine that measured it.
/// </summary>
public sealed class LatencyPinning(Manifests manifests, PrunableModel teacher, IProgressSink progress)
{
    public void Prepare(IReadOnlyList<Manifest.Manifest> pending)
    {
        if (pending.Count == 0) return;
        if (!File.Exists(manifests.ProfilePath))
        {
            var first = pending[0] with { Criterion = Criterion.First, Latency = pending[0].Latency with { Profile = null } };
            var count = LatencyProfiling.Write(first, manifests.ProfilePath, progress);
            progress.Log($"latency profile {manifests.ProfilePath}: {count} variants");
        }

        var prefixes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        MeasurementSettings? settings = null;
        foreach (var manifest in pending.DistinctBy(manifest => (manifest.Data.Count, manifest.Data.Seed, manifest.Criterion)))
        {
            TorchRuntime.Configure(manifest);
            using var inputs = CompressionInputs.Load(manifest);
            var ranked = Ranking.Order(ScoreBlocks.Over(manifest, inputs, manifests.CacheDirectory, progress).Run(), manifest.Criterion, manifest.Data.Seed).Select(score => score.Block).ToList();
            for (var k = 1; k <= ranked.Count; k++) prefixes.TryAdd(LatencyProfile.Key(ranked.Take(k)), ranked.Take(k).ToList());
            settings ??= LatencySource.Settings(manifest);
        }

        var profile = LatencyProfile.Load(manifests.ProfilePath);
        var missing = prefixes.Where(pair => !profile.TryLookup(pair.Value, out _)).Select(pair => pair.Value).ToList();
        if (missing.Count == 0) return;
        progress.Log($"latency profile: measuring {missing.Count} more variants in one paired session");
        new LatencyEstimator(profile, LatencyProfileMode.Extend).Measure(teacher, missing, settings!, LatencyDecision.Curve);
        progress.Log($"latency profile: {profile.Variants.Count} variants");
    }
}
