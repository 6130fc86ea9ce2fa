namespace Practise.Core.Channels;

/// <summary>Which channels of one hidden layer go: original channel indices, ascending.</summary>
/// <param name="RemovedMeans">Each removed channel's mean activation, what mean compensation folds into the next layer.</param>
public sealed record LayerPruning(string Layer, long Width, IReadOnlyList<long> Kept, IReadOnlyList<long> Removed, IReadOnlyList<double> RemovedMeans);

/// <summary>
/// Step 2 of variance-based pruning: the channels whose activations vary least go (docs/channel-pruning.md, section 2).
/// Globally (the default): across all hidden layers, by variance weighted by the channel's <see cref="ReaderGain"/>, the
/// variance it would take from the next normalised activations, each layer keeping at least one channel. Per layer: the
/// same fraction of every layer, by raw variance.
/// </summary>
public static class VarianceRanking
{
    /// <summary>Removes ⌊ratio · width⌋ channels of each layer (so at least one always stays), lowest variance first, ties by index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">ratio is not strictly between 0 and 1.</exception>
    public static IReadOnlyList<LayerPruning> Select(IReadOnlyList<LayerStatistics> layers, double ratio)
    {
        CheckRatio(ratio);
        return layers.Select(layer => Keep(layer, layer.Variance.Count - (long)Math.Floor(ratio * layer.Variance.Count))).ToList();
    }

    /// <summary>
    /// Removes ⌊ratio · total⌋ channels across all layers, smallest Var_c · g_c first (ties by layer order, then channel),
    /// skipping any that would empty its layer.
    /// </summary>
    /// <param name="gains">g_c per layer (<see cref="ReaderGain.Of"/>), for every layer in <paramref name="layers"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">ratio is not strictly between 0 and 1.</exception>
    public static IReadOnlyList<LayerPruning> SelectGlobal(IReadOnlyList<LayerStatistics> layers, IReadOnlyDictionary<string, IReadOnlyList<double>> gains, double ratio)
    {
        CheckRatio(ratio);
        var scores = layers.Select(layer => layer.Variance.Select((variance, channel) => variance * gains[layer.Layer][channel]).ToArray()).ToList();
        var keep = layers.Select(layer => layer.Variance.Count).ToArray();
        var quota = (int)Math.Floor(ratio * keep.Sum());
        var candidates = scores.SelectMany((layerScores, index) => layerScores.Select((score, channel) => (Score: score, Layer: index, Channel: channel)))
            .OrderBy(candidate => candidate.Score).ThenBy(candidate => candidate.Layer).ThenBy(candidate => candidate.Channel);
        foreach (var candidate in candidates)
        {
            if (quota == 0) break;
            if (keep[candidate.Layer] == 1) continue;
            keep[candidate.Layer]--;
            quota--;
        }
        return layers.Select((layer, index) => Keep(layer, keep[index], scores[index])).ToList();
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

    private static void CheckRatio(double ratio)
    {
        if (!(ratio > 0 && ratio < 1))
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "the fraction of channels to remove must be strictly between 0 and 1");
    }

    /// <summary>The layer's <paramref name="keep"/> highest-ranked channels: by <paramref name="scores"/>, raw variance without.</summary>
    private static LayerPruning Keep(LayerStatistics layer, long keep, IReadOnlyList<double>? scores = null)
    {
        scores ??= layer.Variance;
        var byRank = Enumerable.Range(0, layer.Variance.Count).OrderBy(channel => scores[channel]).ThenBy(channel => channel).ToList();
        var removed = byRank.Take(layer.Variance.Count - (int)keep).Order().ToList();
        var kept = byRank.Skip(removed.Count).Order().Select(channel => (long)channel).ToList();
        return new(layer.Layer, layer.Variance.Count, kept, removed.Select(channel => (long)channel).ToList(), removed.Select(channel => layer.Mean[channel]).ToList());
    }
}
