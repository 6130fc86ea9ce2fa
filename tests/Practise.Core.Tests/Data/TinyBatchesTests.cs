using Practise.Core.Data;
using Practise.Manifest;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Data;

public class TinyBatchesTests
{
    private static readonly Normalization Grey = new([0.5], [0.5]);

    private static ImageSet RandomSet(int count, string directory)
    {
        manual_seed(11);
        using var images = randint(0, 256, [count, 20, 20], uint8);
        var path = Path.Combine(directory, "images.idx");
        IdxWriter.Write(path, images);
        return ImageSet.FromIdx(path);
    }

    [Fact]
    public void TrainBatchesArePureFunctionsOfSeedAndIteration()
    {
        using var directory = new TemporaryDirectory();
        using var set = RandomSet(10, directory.Path);
        var size = new ImageSize(16, 16);
        using var batches = new TinyBatches(set, new EvalTransform(size, Grey), new TrainTransform(size, Grey), batchSize: 4, seed: 5);
        using var again = new TinyBatches(set, new EvalTransform(size, Grey), new TrainTransform(size, Grey), batchSize: 4, seed: 5);
        using var scope = NewDisposeScope();

        var first = batches.TrainBatch(3);
        Assert.Equal(new long[] { 4, 1, 16, 16 }, first.shape);
        Assert.Equal(first.data<float>().ToArray(), batches.TrainBatch(3).data<float>().ToArray());
        Assert.Equal(first.data<float>().ToArray(), again.TrainBatch(3).data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), batches.TrainBatch(4).data<float>().ToArray());
    }

    [Fact]
    public void BatchIsTheWholeSetWhenTheSetIsSmaller()
    {
        using var directory = new TemporaryDirectory();
        using var set = RandomSet(3, directory.Path);
        var size = new ImageSize(20, 20);
        using var batches = new TinyBatches(set, new EvalTransform(size, Grey), null, batchSize: 64, seed: 0);
        using var batch = batches.TrainBatch(0);
        Assert.Equal(3, batches.BatchSize);
        Assert.Equal(batches.EvalImages().data<float>().ToArray(), batch.data<float>().ToArray());
    }

    [Fact]
    public void IdxErrorsNameTheFileAndTheProblem()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cut.idx");
        using (var images = zeros([5, 4, 4], uint8)) IdxWriter.Write(path, images);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^7]);
        var error = Assert.Throws<DataException>(() => IdxFile.Read(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);

        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        Assert.Contains("not an IDX file", Assert.Throws<DataException>(() => IdxFile.Read(path)).Message);
    }

    [Fact]
    public void ReadsDebiansFashionMnistTestSet()
    {
        const string images = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
        const string labels = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";
        Assert.True(File.Exists(images), "dataset-fashion-mnist is installed by ./build.sh");
        using var set = ImageSet.FromIdx(images, labels, [0, 1, 9999]);
        Assert.Equal(3, set.Count);
        Assert.Equal(new long[] { 1, 28, 28 }, set.Images[0].shape);
        // The first two test labels of Fashion-MNIST are 9 (ankle boot) and 2 (pullover).
        Assert.Equal([9L, 2L], set.Labels!.Take(2));
    }
}
