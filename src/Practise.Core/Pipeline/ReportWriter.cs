using System.Globalization;
using System.Text;
using Practise.Cache;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>
/// Writes practise.json and report.md with its charts: score per block and latency per blocks dropped, and with
/// channel pruning the kept width per hidden layer.
/// </summary>
public static class ReportWriter
{
    public static void Write(CompressionReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(PractiseJson.PathIn(directory), PractiseJson.Serialize(report));
        AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.ScoreChart), ScoreChart.Svg(report));
        AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.LatencyChart), LatencyChart.Svg(report));
        if (report.Channels is { } channels) AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.WidthChart), WidthChart.Svg(channels));
        AtomicFile.WriteAllText(Path.Combine(directory, ArtifactNames.Report), Markdown(report));
    }

    public static string Markdown(CompressionReport report)
    {
        var text = new StringBuilder();
        var latency = report.Latency;
        text.AppendLine(CultureInfo.InvariantCulture, $"# PRACTISE: {report.Arch}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Removed(report)} under budget `{report.Budget}`, using {report.Inputs.Images} {ImagesText(report.Inputs.Source)}.");
        text.AppendLine();
        if (report.Inputs.Samples is { } samples)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"![the first training images]({samples})");
            text.AppendLine();
        }
        text.AppendLine("| | before | after |");
        text.AppendLine("| --- | --- | --- |");
        var after = latency.AfterLowMs is { } low && latency.AfterHighMs is { } high
            ? string.Create(CultureInfo.InvariantCulture, $"{latency.AfterMs:F2} ms (90% interval {low:F2}–{high:F2}), −{latency.Reduction * 100:F1}% ({latency.ReductionLow * 100:F1}–{latency.ReductionHigh * 100:F1}%)")
            : string.Create(CultureInfo.InvariantCulture, $"{latency.AfterMs:F2} ms ({latency.AfterP25Ms:F2}–{latency.AfterP75Ms:F2}), −{latency.Reduction * 100:F1}%");
        text.AppendLine(CultureInfo.InvariantCulture, $"| latency (median; teacher p25–p75) | {latency.BeforeMs:F2} ms ({latency.BeforeP25Ms:F2}–{latency.BeforeP75Ms:F2}) | {after} |");
        if (report.Accuracy is { } accuracy)
            text.AppendLine(CultureInfo.InvariantCulture, $"| top-1 on {accuracy.Images} eval images | {accuracy.Top1Before * 100:F2}% | {accuracy.Top1After * 100:F2}% (pruned, not finetuned: {accuracy.Top1PrunedNoFinetune * 100:F2}%) |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Latency: batch {latency.Batch}, {latency.Threads} threads, {latency.Fingerprint}{(latency.FromProfile ? " (pinned profile)" : "")}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**{LatencySummary.Line(latency)}.** Every figure of a pruned network is its median per-round ratio to the teacher timed in the same rounds, shown on the teacher's milliseconds; intervals are 90% (docs/latency.md).");
        text.AppendLine();
        if (report.Channels is { } channels) ChannelSection(text, channels);
        if (report.Method == "channels") return Phases(text, report);
        text.AppendLine("| rank | block | τ (latency saved, 90% interval) | criterion | score = criterion/τ | dropped | cached |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var block in report.Blocks.OrderBy(block => block.Rank))
        {
            var interval = block.TauLow is { } tauLow && block.TauHigh is { } tauHigh ? string.Create(CultureInfo.InvariantCulture, $" ({tauLow * 100:F2}–{tauHigh * 100:F2})") : "";
            var tau = string.Create(CultureInfo.InvariantCulture, $"{block.Tau * 100:F2}%{interval}{(block.Measurable ? "" : " no measurable gain")}");
            var score = block.Score is { } value ? value.ToString("G4", CultureInfo.InvariantCulture) : "—";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {block.Rank} | {block.Block} | {tau} | {block.Criterion:G4} | {score} | {(block.Dropped ? "yes" : "")} | {(block.CacheHit ? "yes" : "")} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![score per block]({ArtifactNames.ScoreChart})");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![latency per blocks dropped, in ranked order]({ArtifactNames.LatencyChart})");
        text.AppendLine();
        return Phases(text, report);
    }

    private static string Removed(CompressionReport report)
    {
        var blocks = $"**{report.DroppedBlocks.Count}** blocks ({string.Join(", ", report.DroppedBlocks)}) with criterion `{report.Criterion}`";
        if (report.Channels is not { } channels) return $"Dropped {blocks}";
        var thinned = ChannelSummary.Line(channels);
        return report.Method == "channels" ? $"Method `channels`: removed {thinned}," : $"Method `blocks+channels`: dropped {blocks}, then removed {thinned},";
    }

    private static void ChannelSection(StringBuilder text, ReportChannels channels)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"Channel statistics from the {channels.StatisticsFrom} on the tiny set (docs/channel-pruning.md).");
        text.AppendLine();
        text.AppendLine("| hidden layer | width | kept | removed channels |");
        text.AppendLine("| --- | --- | --- | --- |");
        foreach (var layer in channels.Layers)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {layer.Layer} | {layer.Width} | {layer.Kept} | {layer.Removed.Count} ({string.Join(", ", layer.Removed)}) |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![channels kept per hidden layer]({ArtifactNames.WidthChart})");
        text.AppendLine();
        if (channels.RatioCurve.Count > 1)
        {
            text.AppendLine("| ratio | latency (median, 90% interval) |");
            text.AppendLine("| --- | --- |");
            foreach (var point in channels.RatioCurve)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {point.Ratio * 100:G4}%{(point.Ratio == channels.Ratio ? " (chosen)" : "")} | {point.MedianMs:F2} ms ({point.LowMs:F2}–{point.HighMs:F2}) |");
            text.AppendLine();
        }
    }

    private static string Phases(StringBuilder text, CompressionReport report)
    {
        text.AppendLine("| phase | seconds |");
        text.AppendLine("| --- | --- |");
        foreach (var (phase, seconds) in report.PhaseSeconds) text.AppendLine(CultureInfo.InvariantCulture, $"| {phase} | {seconds:F1} |");
        return text.ToString();
    }

    private static string ImagesText(string? source) => source switch
    {
        "synthetic" => "images synthesised from the teacher (no data; docs/data-free.md)",
        "noise" => "Gaussian-noise images (the data-free baseline)",
        _ => "images",
    };
}
