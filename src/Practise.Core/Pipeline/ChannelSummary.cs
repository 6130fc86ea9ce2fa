using System.Globalization;
using Practise.Contract;

namespace Practise.Core.Pipeline;

/// <summary>What channel pruning removed, in the words report.md and the CLI both use: share, ranking, compensation, source of the ratio.</summary>
public static class ChannelSummary
{
    public static string Line(ReportChannels channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var perLayer = channels.Ranking == "per-layer";
        return string.Create(CultureInfo.InvariantCulture,
            $"{channels.Ratio * 100:G4}% of {(perLayer ? "every hidden layer's channels" : "the hidden channels")} " +
            $"({channels.Layers.Sum(layer => layer.Removed.Count)} of {channels.Layers.Sum(layer => layer.Width)}), " +
            $"{(perLayer ? "lowest activation variance first" : "ranked across layers by variance times reader gain")}, " +
            $"{(channels.Compensate ? "means compensated" : "no compensation")}, " +
            $"ratio from {(channels.RatioSource == "budget" ? "the latency budget" : "`channels.ratio`")}");
    }
}
