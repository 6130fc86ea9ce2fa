using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Practise.Core.Pipeline;

/// <summary>Writes practise.json and report.md (a per-block table and an SVG chart of score per block).</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Write(CompressionReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(Path.Combine(directory, "practise.json"), JsonSerializer.Serialize(report, Json) + "\n");
        AtomicFile.WriteAllText(Path.Combine(directory, "scores.svg"), ScoreChart(report));
        AtomicFile.WriteAllText(Path.Combine(directory, "report.md"), Markdown(report));
    }

    public static string Markdown(CompressionReport report)
    {
        var text = new StringBuilder();
        var latency = report.Latency;
        text.AppendLine(CultureInfo.InvariantCulture, $"# PRACTISE: {report.Arch}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Dropped **{report.DroppedBlocks.Count}** blocks ({string.Join(", ", report.DroppedBlocks)}) with criterion `{report.Criterion}` under budget `{report.Budget}`, using {report.Inputs.Images} images.");
        text.AppendLine();
        text.AppendLine("| | before | after |");
        text.AppendLine("| --- | --- | --- |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| latency (median, p25–p75) | {latency.BeforeMs:F2} ms ({latency.BeforeP25Ms:F2}–{latency.BeforeP75Ms:F2}) | {latency.AfterMs:F2} ms ({latency.AfterP25Ms:F2}–{latency.AfterP75Ms:F2}), −{latency.Reduction * 100:F1}% |");
        if (report.Accuracy is { } accuracy)
            text.AppendLine(CultureInfo.InvariantCulture, $"| top-1 on {accuracy.Images} eval images | {accuracy.Top1Before * 100:F2}% | {accuracy.Top1After * 100:F2}% (pruned, not finetuned: {accuracy.Top1PrunedNoFinetune * 100:F2}%) |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Latency: batch {latency.Batch}, {latency.Threads} threads, {latency.Fingerprint}{(latency.FromProfile ? " (pinned profile)" : "")}.");
        text.AppendLine();
        text.AppendLine("| rank | block | τ (latency saved) | criterion | score = criterion/τ | dropped | cached |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var block in report.Blocks.OrderBy(block => block.Rank))
        {
            var tau = block.Measurable ? $"{block.Tau * 100:F2}%" : $"{block.Tau * 100:F2}% (no measurable gain)";
            var score = block.Score is { } value ? value.ToString("G4", CultureInfo.InvariantCulture) : "—";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {block.Rank} | {block.Block} | {tau} | {block.Criterion:G4} | {score} | {(block.Dropped ? "yes" : "")} | {(block.CacheHit ? "yes" : "")} |");
        }
        text.AppendLine();
        text.AppendLine("![score per block](scores.svg)");
        text.AppendLine();
        text.AppendLine("| phase | seconds |");
        text.AppendLine("| --- | --- |");
        foreach (var (phase, seconds) in report.PhaseSeconds) text.AppendLine(CultureInfo.InvariantCulture, $"| {phase} | {seconds:F1} |");
        return text.ToString();
    }

    /// <summary>Horizontal bars of each block's score (log scale), dropped blocks highlighted.</summary>
    public static string ScoreChart(CompressionReport report)
    {
        var blocks = report.Blocks.Where(block => block.Score is > 0).OrderBy(block => block.Rank).ToList();
        const int rowHeight = 18, labelWidth = 110, barWidth = 360;
        var height = 30 + rowHeight * Math.Max(blocks.Count, 1);
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + barWidth + 90}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<text x=\"4\" y=\"14\">score = criterion / τ (log scale; lower drops first)</text>");
        if (blocks.Count > 0)
        {
            var logs = blocks.Select(block => Math.Log10(block.Score!.Value)).ToList();
            double low = logs.Min() - 0.5, high = logs.Max();
            for (var i = 0; i < blocks.Count; i++)
            {
                var y = 24 + i * rowHeight;
                var width = Math.Max(2, (logs[i] - low) / Math.Max(high - low, 1e-9) * barWidth);
                var colour = blocks[i].Dropped ? "#d9534f" : "#5b8bd9";
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 12}\">{blocks[i].Block}</text>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:F1}\" height=\"{rowHeight - 4}\" fill=\"{colour}\"/>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 4:F1}\" y=\"{y + 12}\">{blocks[i].Score!.Value:G3}</text>");
            }
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
