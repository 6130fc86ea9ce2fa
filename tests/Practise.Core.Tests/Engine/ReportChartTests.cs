using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Practise.Contract;
using Practise.Core.Pipeline;
using Practise.Testing;

namespace Practise.Core.Tests.Engine;

/// <summary>latency.svg and the report files around it, on a hand-made report (no model, no measurement).</summary>
public class ReportChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static CompressionReport Report(double? targetMs, int chosen = 2) => new()
    {
        ToolVersion = "0.1.0",
        Arch = "resnet20_cifar",
        Inputs = new ReportInputs("practise.yaml", "m", "d", 16, 3),
        Criterion = "practise",
        Budget = targetMs is null ? "blocks: 2" : "latency-ms: 9",
        Device = "cpu",
        Blocks = [new ReportBlock("layer1.0", 0.1, true, 0.5, 5, 1, true, false, 0.08, 0.12), new ReportBlock("layer3.2", 0.2, true, 0.5, 2.5, 2, true, false)],
        DroppedBlocks = new[] { "layer1.0", "layer3.2", "layer2.1" }[..chosen],
        Latency = new ReportLatency(12.5, 12, 13, 8.25, 8, 9, 0.34, 2, 1, "cpu", false, targetMs)
        {
            AfterLowMs = 8.1,
            AfterHighMs = 8.5,
            ReductionLow = 0.32,
            ReductionHigh = 0.352,
            RequiredReduction = targetMs is null ? null : 0.28,
            BudgetMet = targetMs is null ? null : true,
            PredictedBlocks = targetMs is null ? null : 2,
            Rounds = 45,
            SetAsideRounds = 8,
        },
        LatencyCurve =
        [
            new ReportCurvePoint(0, [], 12.5, 12, 13) { LowMs = 12.5, HighMs = 12.5, PredictedReduction = 0 },
            new ReportCurvePoint(1, ["layer1.0"], 10.5, 10, 11) { LowMs = 10.3, HighMs = 10.6, PredictedReduction = 0.1 },
            new ReportCurvePoint(2, ["layer1.0", "layer3.2"], 8.25, 8, 9) { LowMs = 8.1, HighMs = 8.5, PredictedReduction = 0.3 },
            new ReportCurvePoint(3, ["layer1.0", "layer3.2", "layer2.1"], 7.5, 7, 8) { LowMs = 7.4, HighMs = 7.7, PredictedReduction = 0.35 },
        ],
        ModelPath = "model.safetensors",
        ModelSha256 = "abc123",
        PhaseSeconds = new Dictionary<string, double> { ["load"] = 0.1 },
    };

    private static XElement Chart(CompressionReport report) => XElement.Parse(LatencyChart.Svg(report));

    private static IEnumerable<XElement> OfClass(XElement svg, string name) => svg.Descendants().Where(element => (string?)element.Attribute("class") == name);

    [Fact]
    public void TheChartHasAPointPerCurveEntryPlacedByBlocksAndLatency()
    {
        var svg = Chart(Report(targetMs: null));

        var points = OfClass(svg, "point").ToList();
        Assert.Equal(4, points.Count);
        Assert.Equal(4, OfClass(svg, "interval").Count());
        var xs = points.Select(point => (double)point.Attribute("cx")!).ToList();
        var ys = points.Select(point => (double)point.Attribute("cy")!).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Equal(ys.Order(), ys); // latency falls as blocks go, and SVG's y grows downwards
        Assert.Contains("2 dropped (layer1.0, layer3.2): 8.25 ms (90% interval 8.10–8.50)", points[2].Element(Svg + "title")!.Value, StringComparison.Ordinal);
        var predicted = ((string)Assert.Single(OfClass(svg, "predicted")).Attribute("points")!).Split(' ');
        Assert.Equal(4, predicted.Length);
        Assert.Empty(OfClass(svg, "target"));
    }

    [Fact]
    public void TheChosenPointIsRingedAtItsLatency()
    {
        var svg = Chart(Report(targetMs: 9));

        var chosen = Assert.Single(OfClass(svg, "chosen"));
        var point = OfClass(svg, "point").ElementAt(2);
        Assert.Equal((string?)point.Attribute("cx"), (string?)chosen.Attribute("cx"));
        Assert.Equal((string?)point.Attribute("cy"), (string?)chosen.Attribute("cy"));
        Assert.Contains("chosen: 2 blocks, 8.25 ms", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ALatencyBudgetDrawsItsTargetBetweenTheLatenciesAroundIt()
    {
        var svg = Chart(Report(targetMs: 9));

        var target = (double)Assert.Single(OfClass(svg, "target")).Attribute("y1")!;
        var ys = OfClass(svg, "point").Select(point => (double)point.Attribute("cy")!).ToList();
        Assert.InRange(target, ys[1], ys[2]);
        Assert.Contains("target 9.00 ms", svg.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReportLinksBothChartsAndPractiseJsonCarriesTheCurve()
    {
        using var directory = new TemporaryDirectory();
        ReportWriter.Write(Report(targetMs: 9), directory.Path);

        var markdown = File.ReadAllText(directory.File("report.md"));
        Assert.Matches(LinkTo("scores.svg"), markdown);
        Assert.Matches(LinkTo("latency.svg"), markdown);
        Assert.Equal(4, OfClass(XElement.Parse(File.ReadAllText(directory.File("latency.svg"))), "point").Count());

        using var json = JsonDocument.Parse(File.ReadAllText(directory.File("practise.json")));
        var curve = json.RootElement.GetProperty("latency_curve").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], curve.Select(point => point.GetProperty("blocks_dropped").GetInt32()));
        Assert.Equal(["layer1.0", "layer3.2"], curve[2].GetProperty("dropped").EnumerateArray().Select(block => block.GetString()));
        Assert.Equal(8.25, curve[2].GetProperty("median_ms").GetDouble());
        Assert.Equal(8, curve[2].GetProperty("p25_ms").GetDouble());
        Assert.Equal(9, curve[2].GetProperty("p75_ms").GetDouble());
        Assert.Equal(8.1, curve[2].GetProperty("low_ms").GetDouble());
        Assert.Equal(0.3, curve[2].GetProperty("predicted_reduction").GetDouble());
        Assert.Equal(9, json.RootElement.GetProperty("latency").GetProperty("target_ms").GetDouble());
        Assert.True(json.RootElement.GetProperty("latency").GetProperty("budget_met").GetBoolean());
        Assert.Contains("−34.0% (32.0–35.2%)", markdown, StringComparison.Ordinal);
        Assert.Contains("budget 28.0% met with confidence, single-block savings predict 2 blocks; 45 rounds, 8 set aside as disturbed", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | layer1.0 | 10.00% (8.00–12.00) |", markdown, StringComparison.Ordinal);
    }

    private static Regex LinkTo(string file) => new($@"!\[[^\]]+\]\({Regex.Escape(file)}\)");
}
