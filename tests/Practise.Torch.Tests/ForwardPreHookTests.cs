using static Practise.Torch.torch;

namespace Practise.Torch.Tests;

public class ForwardPreHookTests
{
    [Fact]
    public void PreHookReplacesTheInputOfForwardAndForwardHooks()
    {
        using var layer = nn.Linear(3, 2);
        using var input = ones(1, 3);
        using var doubled = input.mul(2);
        using var expected = layer.call(doubled);
        long[]? seenByForwardHook = null;
        Tensor? replacement = null;
        using var pre = layer.register_forward_pre_hook((_, x) => replacement = x.mul(2));
        using var post = layer.register_forward_hook((_, x, output) =>
        {
            Assert.Same(replacement, x);
            seenByForwardHook = x.shape;
            return output;
        });

        using var output = layer.call(input);

        Practise.Testing.TensorAssert.Close(expected, output, rtol: 0, atol: 0);
        Assert.Equal(new long[] { 1, 3 }, seenByForwardHook);
        Assert.True(replacement!.IsDisposed, "the replaced input is released after the call");
        Assert.False(input.IsDisposed, "the caller's input stays the caller's");
    }

    [Fact]
    public void PreHooksChainAndReleaseEachReplacementAndStopWhenRemoved()
    {
        using var layer = nn.Linear(1, 1, bias: false);
        using (no_grad()) layer.weight.fill_(1);
        using var input = ones(1, 1);
        var replacements = new List<Tensor>();
        var plusOne = layer.register_forward_pre_hook((_, x) =>
        {
            var next = x.add(1);
            replacements.Add(next);
            return next;
        });
        using var timesThree = layer.register_forward_pre_hook((_, x) =>
        {
            var next = x.mul(3);
            replacements.Add(next);
            return next;
        });
        var observer = layer.register_forward_pre_hook((_, x) => x);

        using (var output = layer.call(input)) Assert.Equal(6f, output.item<float>());
        Assert.All(replacements, tensor => Assert.True(tensor.IsDisposed));

        plusOne.Dispose();
        observer.Dispose();
        using (var output = layer.call(input)) Assert.Equal(3f, output.item<float>());
        Assert.False(input.IsDisposed);
    }
}
