using Practise.Torch;

namespace Practise.Torch.Tests;

[Collection(LiveTensorCountCollection.Name)]
public class TensorCoreTests
{
    [Fact]
    public void RoundTripsHostDataWithShapeAndType()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(torch.float32, t.dtype);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.data<float>());
    }

    [Fact]
    public void NativeErrorsBecomeExceptionsWithLibtorchMessage()
    {
        using var t = torch.zeros(2, 3);
        using var wrongShape = torch.zeros(4);
        var error = Assert.Throws<TorchException>(() => t.copy_(wrongShape));
        Assert.Contains("must match", error.Message);
        Assert.Throws<InvalidOperationException>(() => t.data<double>());
        var shapeError = Assert.Throws<ArgumentException>(() => torch.tensor(new float[] { 1, 2, 3 }, 2, 2));
        Assert.Contains("needs 4 elements", shapeError.Message);
    }

    [Fact]
    public void DisposeScopeReleasesEveryTensorCreatedInside()
    {
        var before = torch.LiveTensorCount;
        torch.Tensor kept;
        using (var scope = torch.NewDisposeScope())
        {
            for (var i = 0; i < 10; i++) torch.ones(4, 4);
            kept = torch.zeros(3).MoveToOuterDisposeScope();
            Assert.Equal(10, scope.Count);
        }
        Assert.Equal(before + 1, torch.LiveTensorCount);
        Assert.False(kept.IsDisposed);
        kept.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void SeedMakesRandomTensorsRepeatable()
    {
        torch.manual_seed(7);
        using var a = torch.randn(5);
        torch.manual_seed(7);
        using var b = torch.randn(5);
        Assert.Equal(a.data<float>(), b.data<float>());
    }
}
