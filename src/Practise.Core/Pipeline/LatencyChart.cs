using System.Globalization;
using System.Security;
using System.Text;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>
/// latency.svg: median latency with its 90% interval against the number of ranked blocks dropped, what the summed
/// single-block savings predict as a dotted line, the latency budget's target as a dashed line and the chosen prefix
/// ringed, so the report shows what one more or one fewer block would have cost or saved, and how sure each figure is.
/// </summary>
public static class LatencyChart
{
    private const int Width = 520, Height = 300, Left = 64, Right = 16, Top = 30, Bottom = 44;
    private const string Chosen = "#d9534f", Points = "#5b8bd9", Target = "#5cb85c", Predicted = "#999";

    public static string Svg(CompressionReport report)
    {
        var curve = report.LatencyCurve.OrderBy(point => point.BlocksDropped).ToList();
        var target = report.Latency.TargetMs;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<text x=\"4\" y=\"14\">latency (median, 90% interval) with the first k ranked blocks dropped; dotted: summed single-block savings</text>");
        if (curve.Count == 0)
        {
            svg.AppendLine("</svg>");
            return svg.ToString();
        }

        var predictedMs = curve.Where(point => point.PredictedReduction is not null).Select(point => curve[0].MedianMs * (1 - point.PredictedReduction!.Value));
        var values = curve.SelectMany(point => new[] { Low(point), High(point), point.MedianMs }).Concat(predictedMs).Concat(target is { } t ? [t] : []).ToList();
        var (low, high) = Padded(values.Min(), values.Max());
        var lastK = Math.Max(curve[^1].BlocksDropped, 1);
        double X(int k) => Left + (double)k / lastK * (Width - Left - Right);
        double Y(double ms) => Top + (high - ms) / (high - low) * (Height - Top - Bottom);

        Axes(svg, low, high, lastK, X, Y);
        if (target is { } targetMs)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line class=\"target\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(targetMs):F1}\" y2=\"{Y(targetMs):F1}\" stroke=\"{Target}\" stroke-dasharray=\"6 4\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right - 4}\" y=\"{Y(targetMs) - 4:F1}\" text-anchor=\"end\" fill=\"{Target}\">target {targetMs:F2} ms</text>");
        }
        var predicted = curve.Where(point => point.PredictedReduction is not null).ToList();
        if (predicted.Count > 1)
        {
            var dotted = string.Join(" ", predicted.Select(point => string.Create(CultureInfo.InvariantCulture, $"{X(point.BlocksDropped):F1},{Y(curve[0].MedianMs * (1 - point.PredictedReduction!.Value)):F1}")));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline class=\"predicted\" points=\"{dotted}\" fill=\"none\" stroke=\"{Predicted}\" stroke-dasharray=\"2 3\"/>");
        }
        var line = string.Join(" ", curve.Select(point => string.Create(CultureInfo.InvariantCulture, $"{X(point.BlocksDropped):F1},{Y(point.MedianMs):F1}")));
        svg.AppendLine(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" fill=\"none\" stroke=\"{Points}\"/>");
        foreach (var point in curve)
        {
            var (x, y) = (X(point.BlocksDropped), Y(point.MedianMs));
            var set = point.Dropped.Count == 0 ? "none (the teacher)" : string.Join(", ", point.Dropped);
            var (top, bottom) = (Y(High(point)), Y(Low(point)));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<path class=\"interval\" d=\"M{x - 4:F1},{top:F1}H{x + 4:F1}M{x:F1},{top:F1}V{bottom:F1}M{x - 4:F1},{bottom:F1}H{x + 4:F1}\" stroke=\"{Points}\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture,
                $"<circle class=\"point\" cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3.5\" fill=\"{Points}\"><title>{point.BlocksDropped} dropped ({SecurityElement.Escape(set)}): {point.MedianMs:F2} ms (90% interval {Low(point):F2}–{High(point):F2})</title></circle>");
        }
        if (curve.FirstOrDefault(point => point.BlocksDropped == report.DroppedBlocks.Count) is { } chosen)
        {
            var (x, y) = (X(chosen.BlocksDropped), Y(chosen.MedianMs));
            svg.AppendLine(CultureInfo.InvariantCulture, $"<circle class=\"chosen\" cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"7\" fill=\"none\" stroke=\"{Chosen}\" stroke-width=\"2\"/>");
            var anchor = x > Width / 2 ? "end" : "start";
            var labelX = anchor == "end" ? x - 10 : x + 10;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{labelX:F1}\" y=\"{y - 10:F1}\" text-anchor=\"{anchor}\" fill=\"{Chosen}\">chosen: {chosen.BlocksDropped} blocks, {chosen.MedianMs:F2} ms</text>");
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>The interval drawn: the median's 90% interval, or p25–p75 in reports written before intervals were.</summary>
    private static double Low(ReportCurvePoint point) => point.LowMs ?? point.P25Ms;

    private static double High(ReportCurvePoint point) => point.HighMs ?? point.P75Ms;

    /// <summary>The plotted range: the data plus a margin, so the IQR bars and the target never touch the frame.</summary>
    private static (double Low, double High) Padded(double low, double high)
    {
        var margin = high > low ? (high - low) * 0.1 : Math.Max(Math.Abs(high) * 0.05, 1e-3);
        return (Math.Max(0, low - margin), high + margin);
    }

    private static void Axes(StringBuilder svg, double low, double high, int lastK, Func<int, double> x, Func<double, double> y)
    {
        var bottom = Height - Bottom;
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{bottom}\" y2=\"{bottom}\" stroke=\"#888\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{bottom}\" stroke=\"#888\"/>");
        var step = Math.Max(1, (int)Math.Ceiling(lastK / 12.0));
        for (var k = 0; k <= lastK; k += step)
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{x(k):F1}\" y=\"{bottom + 16}\" text-anchor=\"middle\">{k}</text>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\">blocks dropped (ranked order)</text>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var ms = low + (high - low) * tick / 4;
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y(ms) + 4:F1}\" text-anchor=\"end\">{ms:F2}</text>");
        }
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{(Top + bottom) / 2}\" transform=\"rotate(-90 12 {(Top + bottom) / 2})\" text-anchor=\"middle\">ms</text>");
    }
}
