namespace Practise.Torch.Tests;

public class OpsBehaviourTests
{
    [Fact]
    public void ShapeMismatchesBecomeTorchExceptionsNamingTheSizes()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros(2, 3);

        var broadcast = Assert.Throws<TorchException>(() => a + torch.zeros(4));
        Assert.Contains("size of tensor a (3) must match the size of tensor b (4)", broadcast.Message);
        var matmul = Assert.Throws<TorchException>(() => a.matmul(torch.zeros(4, 5)));
        Assert.Contains("2x3 and 4x5", matmul.Message);
        var view = Assert.Throws<TorchException>(() => a.view(5));
        Assert.Contains("shape '[5]' is invalid for input of size 6", view.Message);
        var cat = Assert.Throws<TorchException>(() => torch.cat([a, torch.zeros(2, 4)]));
        Assert.Contains("Expected size 3 but got size 4", cat.Message);
        var inPlace = Assert.Throws<TorchException>(() => a.add_(torch.zeros(3, 3)));
        Assert.Contains("3", inPlace.Message);
    }

    [Fact]
    public void InPlaceOperationsModifyAndReturnTheReceiver()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, -2, 3, -4 }, 2, 2);

        Assert.Same(a, a.add_(torch.ones(2)).mul_(2).clamp_(min: -3));
        Assert.Equal(new float[] { 4, -2, 8, -3 }, a.data<float>());
        Assert.Same(a, a.addcmul_(a, a, 0.5));
        Assert.Equal(new float[] { 12, 0, 40, 1.5f }, a.data<float>());
        Assert.Same(a, a.zero_());
        Assert.Equal(new float[] { 0, 0, 0, 0 }, a.data<float>());
    }

    [Fact]
    public void ViewsShareStorageWithTheirSource()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros(2, 3);
        a.view(6).narrow(0, 1, 2).fill_(5);
        a.select(0, 1).transpose(0, 0).fill_(7);
        Assert.Equal(new float[] { 0, 5, 5, 7, 7, 7 }, a.data<float>());
    }

    [Fact]
    public void ScalarOperandsOnEitherSideAgreeWithTheirMeaning()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 4 });
        Assert.Equal(new float[] { 9, 8, 6 }, (10 - a).data<float>());
        Assert.Equal(new float[] { 8, 4, 2 }, (8 / a).data<float>());
        Assert.Equal(new float[] { -3, -4, -6 }, (-(a + 2)).data<float>());
        Assert.Equal(7f, a.sum().item<float>());
        Assert.True(a.gt(0).all().item<bool>());
    }

    [Fact]
    public void OperationsReleaseEverythingWithTheScopeEvenAfterErrors()
    {
        var before = torch.LiveTensorCount;
        using (torch.NewDisposeScope())
        {
            var x = torch.randn(4, 5).requires_grad_();
            var (values, indexes) = x.max(1);
            var (top, _) = x.topk(2);
            var (sorted, order) = x.sort(0, descending: true);
            var y = torch.cat([values.unsqueeze(1), top, sorted.index_select(0, order.select(1, 0))], dim: 1) * 2 - 1;
            torch.where(y.gt(0), y, -y).sqrt().mean().backward(torch.tensor(1.0));
            Assert.NotNull(x.grad);
            Assert.Throws<TorchException>(() => x.topk(9));
            Assert.Throws<TorchException>(() => torch.stack([x, indexes]));
        }
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void CatRefusesDisposedTensorsAndKeepsTheOthersUsable()
    {
        var before = torch.LiveTensorCount;
        var alive = torch.ones(2);
        var disposed = torch.ones(2);
        disposed.Dispose();

        Assert.Throws<ObjectDisposedException>(() => torch.cat([alive, disposed]));
        using (var joined = torch.cat([alive, alive])) Assert.Equal(new long[] { 4 }, joined.shape);
        alive.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
