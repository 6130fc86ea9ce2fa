using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// Batches from the tiny set. A training batch is a pure function of (seed, iteration): the same call always gives
/// the same images and the same augmentation, so work keyed by iteration can be cached and runs are reproducible.
/// Images are decoded and transformed on the CPU; batches and labels are handed out on <paramref name="device"/>.
/// </summary>
public sealed class TinyBatches(ImageSet set, EvalTransform eval, TrainTransform? train, int batchSize, long seed, Device? device = null) : IDisposable
{
    private readonly Device device = device ?? CPU;

    private Tensor? evalImages;

    public ImageSet Set => set;

    public EvalTransform Eval => eval;

    public TrainTransform? Train => train;

    /// <summary>Batch size actually used: the whole set when it is smaller than the configured batch.</summary>
    public int BatchSize => Math.Min(batchSize, set.Count);

    public Tensor TrainBatch(int iteration)
    {
        if (train is null) return EvalBatchOf(Indices(iteration));
        var random = new SplitMix64(Mix((ulong)seed, (ulong)iteration));
        var indices = Indices(iteration);
        using var scope = NewDisposeScope();
        var images = indices.Select(index => train.Apply(set.Images[index], random)).ToList();
        return stack(images).to(device, disposeAfter: true).MoveToOuterDisposeScope();
    }

    /// <summary>The labels of TrainBatch(iteration), in the same order (for the cross-entropy baseline).</summary>
    public Tensor TrainLabels(int iteration)
    {
        var labels = set.Labels ?? throw new DataException("this data set has no labels; cross-entropy finetuning needs a labelled set (an IDX labels file)");
        return tensor(Indices(iteration).Select(index => labels[index]).ToArray()).to(device, disposeAfter: true);
    }

    /// <summary>Every image under the measurement transform (N×C×H×W), computed once; owned by this object.</summary>
    public Tensor EvalImages()
    {
        if (evalImages is not null) return evalImages;
        using (var scope = NewDisposeScope())
        {
            evalImages = stack(set.Images.Select(eval.Apply).ToList()).to(device, disposeAfter: true).MoveToOuterDisposeScope();
        }
        return evalImages.DetachFromDisposeScope();
    }

    /// <summary>The measurement set in consecutive batches (views into EvalImages; dispose each).</summary>
    public IEnumerable<Tensor> EvalBatches(int size)
    {
        var all = EvalImages();
        for (long start = 0; start < set.Count; start += size)
            yield return all.narrow(0, start, Math.Min(size, set.Count - start));
    }

    public void Dispose() => evalImages?.Dispose();

    private int[] Indices(int iteration) =>
        BatchSize == set.Count ? Enumerable.Range(0, set.Count).ToArray() : SeededSampler.Choose(set.Count, BatchSize, (long)Mix((ulong)seed, (ulong)iteration + 0x5bd1e995UL));

    private Tensor EvalBatchOf(int[] indices)
    {
        var all = EvalImages();
        using var index = tensor(indices.Select(i => (long)i).ToArray(), device: device);
        return all.index_select(0, index);
    }

    private static ulong Mix(ulong seed, ulong iteration) => new SplitMix64(seed ^ (iteration * 0x9E3779B97F4A7C15UL)).Next();
}
