using Practise.Contract;
using Practise.Core.Latency;

namespace Practise.Core.Pipeline;

/// <summary>
/// The latency of each prefix of the ranking (the first k ranked blocks dropped), read through the session's estimator
/// so every figure is a cached or pinned measurement, the same ones the selection was made from.
/// </summary>
public static class LatencyCurve
{
    /// <summary>
    /// Every prefix up to the chosen one (measuring the ones no selection step needed), every longer prefix the profile
    /// already holds (a latency budget measured them all), and one beyond the chosen prefix when something is measured
    /// anyway, since it then rides in the same interleaved rounds. A pinned profile is never extended: the curve shows
    /// only the prefixes it holds.
    /// </summary>
    public static IReadOnlyList<ReportCurvePoint> Trace(CompressionSession session, IReadOnlyList<string> ranking, int chosen)
    {
        var estimator = session.Latency;
        var baseKey = session.Teacher.Architecture.DroppedBlocks;
        bool Stored(int k) => estimator.Profile?.TryLookup(baseKey.Concat(ranking.Take(k)), out _) == true;

        var sizes = Enumerable.Range(1, ranking.Count).Where(k => estimator.Mode == LatencyProfileMode.Read ? Stored(k) : k <= chosen || Stored(k)).ToList();
        if (estimator.Mode == LatencyProfileMode.Extend && chosen < ranking.Count && !Stored(chosen + 1) && sizes.Any(k => !Stored(k)))
            sizes.Add(chosen + 1);
        sizes.Sort();

        var prefixes = sizes.Select(k => (IReadOnlyList<string>)ranking.Take(k).ToList()).ToList();
        var latency = estimator.MeasureVariants(session.LatencyTeacher, prefixes, session.LatencySettings);
        var baseline = latency.Baseline;
        return
        [
            new ReportCurvePoint(0, [], baseline.MedianMs, baseline.P25Ms, baseline.P75Ms),
            .. latency.Variants.Select(variant => new ReportCurvePoint(variant.Dropped.Count, variant.Dropped,
                variant.Measurement.MedianMs, variant.Measurement.P25Ms, variant.Measurement.P75Ms)),
        ];
    }
}
