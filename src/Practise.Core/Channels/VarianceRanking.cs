namespace Practise.Core.Channels;

/// <summary>Which channels of one hidden layer go: original channel indices, ascending.</summary>
/// <param name="RemovedMeans">Each removed channel's mean activation, what mean compensation folds into the next layer.</param>
public sealed record LayerPruning(string Layer, long Width, IReadOnlyList<long> Kept, IReadOnlyList<long> Removed, IReadOnlyList<double> RemovedMeans);

/// <summary>
/// Step 2 of variance-based pruning: in each hidden layer the channels of smallest activation variance go. The same
/// fraction goes from every layer (per-layer normalisation, docs/channel-pruning.md): variances are not comparable
/// across layers (each layer's scale is set by its own BatchNorm, and what a unit of variance costs downstream by the
/// next conv's weights), and a global threshold could empty a layer, which would cut its block's residual branch.
/// </summary>
public static class VarianceRanking
{
    /// <summary>Removes ⌊ratio · width⌋ channels of each layer (so at least one always stays), lowest variance first, ties by index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ratio is not strictly between 0 and 1.</exception>
    public static IReadOnlyList<LayerPruning> Select(IReadOnlyList<LayerStatistics> layers, double ratio)
    {
        if (!(ratio > 0 && ratio < 1))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the fraction of channels to remove must be strictly between 0 and 1");
        return layers.Select(layer => Keep(layer, layer.Variance.Count - (long)Math.Floor(ratio * layer.Variance.Count))).ToList();
    }

    /// <summary>Keeps the given number of highest-variance channels in the named layers; other layers keep all.</summary>
    /// <exception cref="ArgumentException">A width is below 1 or above the layer's, or names no hidden layer.</exception>
    public static IReadOnlyList<LayerPruning> SelectWidths(IReadOnlyList<LayerStatistics> layers, IReadOnlyDictionary<string, long> widths)
    {
        var unknown = widths.Keys.Except(layers.Select(layer => layer.Layer)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"no hidden layer {string.Join(", ", unknown)}", nameof(widths));
        foreach (var layer in layers)
        {
            if (widths.TryGetValue(layer.Layer, out var width) && (width < 1 || width > layer.Variance.Count))
                throw new ArgumentException($"{layer.Layer}: a width of {width} is outside 1 … {layer.Variance.Count}; a layer is never pruned to zero", nameof(widths));
        }
        return layers.Select(layer => Keep(layer, widths.TryGetValue(layer.Layer, out var width) ? width : layer.Variance.Count)).ToList();
    }

    private static LayerPruning Keep(LayerStatistics layer, long keep)
    {
        var byVariance = Enumerable.Range(0, layer.Variance.Count).OrderBy(channel => layer.Variance[channel]).ThenBy(channel => channel).ToList();
        var removed = byVariance.Take(layer.Variance.Count - (int)keep).Order().ToList();
        var kept = byVariance.Skip(removed.Count).Order().Select(channel => (long)channel).ToList();
        return new(layer.Layer, layer.Variance.Count, kept, removed.Select(channel => (long)channel).ToList(), removed.Select(channel => layer.Mean[channel]).ToList());
    }
}
