using System.Globalization;
using System.Security;
using System.Text;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>widths.svg: one bar per hidden layer, in forward order, its teacher width in grey and the width kept over it.</summary>
public static class WidthChart
{
    private const int RowHeight = 18, LabelWidth = 150, BarWidth = 320;
    private const string Kept = "#5b8bd9", Removed = "#ddd";

    public static string Svg(ReportChannels channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var layers = channels.Layers;
        var height = 30 + RowHeight * Math.Max(layers.Count, 1);
        var widest = Math.Max(1, layers.Count == 0 ? 1 : layers.Max(layer => layer.Width));
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{LabelWidth + BarWidth + 90}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"14\">channels kept per hidden layer (grey: removed), ratio {channels.Ratio * 100:G4}%</text>");
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var y = 24 + i * RowHeight;
            var full = (double)layer.Width / widest * BarWidth;
            var kept = (double)layer.Kept / widest * BarWidth;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{y + 12}\">{SecurityElement.Escape(layer.Layer)}</text>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect class=\"width\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{full:F1}\" height=\"{RowHeight - 4}\" fill=\"{Removed}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect class=\"kept\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{kept:F1}\" height=\"{RowHeight - 4}\" fill=\"{Kept}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + full + 4:F1}\" y=\"{y + 12}\">{layer.Kept} / {layer.Width}</text>");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }
}
