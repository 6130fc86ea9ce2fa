using Practise.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Channels;

/// <summary>One hidden layer's per-channel activation mean and (population) variance over every image and position.</summary>
/// <param name="Layer">"block.conv" in original block names, as hidden_widths names it.</param>
public sealed record LayerStatistics(string Layer, IReadOnlyList<double> Mean, IReadOnlyList<double> Variance, long Count);

/// <summary>
/// Step 1 of variance-based pruning (docs/channel-pruning.md): one no-grad pass over the tiny set, with a pre-hook on
/// each hidden layer's consumer conv, whose input is exactly the hidden channels after the nonlinearity. Each batch's
/// mean and sum of squared deviations are taken in float64 and merged with Chan et al.'s pairwise update (Welford's
/// algorithm a batch at a time), so no sum of squares of large values cancels.
/// </summary>
public static class ChannelStatistics
{
    /// <summary>Statistics of every hidden layer of the model's kept blocks, in forward order.</summary>
    public static IReadOnlyList<LayerStatistics> Collect(PrunableModel model, IEnumerable<Tensor> batches)
    {
        var layers = HiddenLayers(model);
        var accumulators = layers.Select(_ => new Accumulator()).ToList();
        var hooks = layers.Select((layer, index) => new HookHandle(layer.Consumer.register_forward_pre_hook((_, input) =>
        {
            accumulators[index].Add(input);
            return input;
        }).remove)).ToList();
        var wasTraining = model.training;
        try
        {
            model.eval();
            using var _ = no_grad();
            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                model.call(batch);
            }
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
            model.train(wasTraining);
        }
        if (accumulators.Count > 0 && accumulators[0].Count == 0) throw new ArgumentException("no images to collect channel statistics from", nameof(batches));
        return layers.Select((layer, index) => accumulators[index].Result(layer.Name)).ToList();
    }

    /// <summary>A kept block's hidden layer in one model: its name ("block.conv"), the block's path there, the consumer conv.</summary>
    public sealed record BoundLayer(string Name, string BlockPath, HiddenLayer Layer, Conv2d Consumer);

    /// <summary>Every hidden layer of the model's kept blocks, in forward order, with the consumer conv to hook.</summary>
    public static IReadOnlyList<BoundLayer> HiddenLayers(PrunableModel model)
    {
        var modules = model.named_modules().ToDictionary(pair => pair.name, pair => pair.module, StringComparer.Ordinal);
        var layers = new List<BoundLayer>();
        foreach (var (block, path) in model.BlockPaths)
        {
            if (modules[path] is not IChannelPrunableBlock prunable) continue;
            foreach (var layer in prunable.HiddenLayers)
                layers.Add(new($"{block}.{layer.Conv}", path, layer, (Conv2d)modules[$"{path}.{layer.Consumer}"]));
        }
        return layers;
    }

    private sealed class Accumulator
    {
        private double[] mean = [];
        private double[] squaredDeviations = [];

        public long Count { get; private set; }

        public void Add(Tensor activations)
        {
            using var scope = NewDisposeScope();
            var channels = activations.shape[1];
            var values = activations.detach().to(ScalarType.Float64).transpose(0, 1).reshape(channels, -1);
            var batchCount = values.shape[1];
            var batchMean = values.mean([1]);
            var batchDeviations = (values - batchMean.unsqueeze(1)).square().sum([1]);
            Merge(batchMean.cpu().data<double>().ToArray(), batchDeviations.cpu().data<double>().ToArray(), batchCount);
        }

        private void Merge(double[] batchMean, double[] batchDeviations, long batchCount)
        {
            if (Count == 0)
            {
                (mean, squaredDeviations, Count) = (batchMean, batchDeviations, batchCount);
                return;
            }
            var total = Count + batchCount;
            for (var c = 0; c < mean.Length; c++)
            {
                var delta = batchMean[c] - mean[c];
                mean[c] += delta * batchCount / total;
                squaredDeviations[c] += batchDeviations[c] + delta * delta * Count * batchCount / total;
            }
            Count = total;
        }

        public LayerStatistics Result(string layer) => new(layer, mean, squaredDeviations.Select(value => value / Count).ToArray(), Count);
    }
}
