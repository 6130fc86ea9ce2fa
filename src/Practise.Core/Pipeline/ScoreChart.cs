using System.Globalization;
using System.Security;
using System.Text;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>scores.svg: horizontal bars of each block's score (log scale), dropped blocks highlighted.</summary>
public static class ScoreChart
{
    public static string Svg(CompressionReport report)
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
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 12}\">{SecurityElement.Escape(blocks[i].Block)}</text>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{width:F1}\" height=\"{rowHeight - 4}\" fill=\"{colour}\"/>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + width + 4:F1}\" y=\"{y + 12}\">{blocks[i].Score!.Value:G3}</text>");
            }
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
