using System.Globalization;
using Practise.Core.Channels;
using Practise.Core.Models;

namespace Practise.Core.Latency;

/// <summary>
/// The teacher variants a latency key names. A key lists original block names, dropped; channel pruning adds one
/// "block.conv=width" entry per thinned hidden layer (block names never hold '='), so thinned variants live in the
/// same profiles and decisions as block sets and a rebuild reads their figures as it reads a block set's.
/// </summary>
public static class LatencyVariants
{
    /// <summary>The key entry for a hidden layer thinned to <paramref name="width"/> channels.</summary>
    public static string Width(string layer, long width) => string.Create(CultureInfo.InvariantCulture, $"{layer}={width}");

    /// <summary>The key entries of a channel pruning: one per layer that loses channels.</summary>
    public static IReadOnlyList<string> Widths(IEnumerable<LayerPruning> pruning) =>
        pruning.Where(layer => layer.Removed.Count > 0).Select(layer => Width(layer.Layer, layer.Kept.Count)).ToList();

    /// <summary>
    /// The teacher with the named blocks dropped and hidden layers thinned. A thinned layer keeps its first channels:
    /// which channels stay does not change the time a forward takes, only the widths do.
    /// </summary>
    public static PrunableModel Build(PrunableModel teacher, IEnumerable<string> entries)
    {
        var widths = new Dictionary<string, long>(StringComparer.Ordinal);
        var blocks = new List<string>();
        foreach (var entry in entries)
        {
            var split = entry.IndexOf('=', StringComparison.Ordinal);
            if (split < 0) blocks.Add(entry);
            else widths[entry[..split]] = long.Parse(entry[(split + 1)..], CultureInfo.InvariantCulture);
        }
        var dropped = BlockSurgery.Prune(teacher, blocks);
        if (widths.Count == 0) return dropped;
        using (dropped)
        {
            var pruning = ChannelStatistics.HiddenLayers(dropped).Where(layer => widths.ContainsKey(layer.Name)).Select(layer =>
            {
                var width = layer.Consumer.weight!.shape[1];
                var keep = widths[layer.Name];
                return new LayerPruning(layer.Name, width, Range(0, keep), Range(keep, width - keep), []);
            }).ToList();
            return ChannelSurgery.Prune(dropped, pruning, compensate: false);
        }
    }

    private static List<long> Range(long start, long count) => Enumerable.Range((int)start, (int)count).Select(index => (long)index).ToList();
}
