using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace FashionMnist.TrainTeacher;

/// <summary>Random crop (from a zero-padded image) and horizontal flip, per sample, from a seeded generator.</summary>
public static class Augment
{
    public static Tensor CropFlip(Tensor batch, int padding, SplitMix64 random)
    {
        using var scope = NewDisposeScope();
        long count = batch.size(0), channels = batch.size(1), height = batch.size(2), width = batch.size(3);
        var padded = zeros(count, channels, height + 2 * padding, width + 2 * padding);
        padded.narrow(2, padding, height).narrow(3, padding, width).copy_(batch);
        var samples = new List<Tensor>((int)count);
        for (long i = 0; i < count; i++)
        {
            var top = (long)random.NextBelow((ulong)(2 * padding + 1));
            var left = (long)random.NextBelow((ulong)(2 * padding + 1));
            var crop = padded.select(0, i).narrow(1, top, height).narrow(2, left, width);
            samples.Add(random.NextDouble() < 0.5 ? crop.flip(2) : crop);
        }
        return stack(samples).MoveToOuterDisposeScope();
    }
}
