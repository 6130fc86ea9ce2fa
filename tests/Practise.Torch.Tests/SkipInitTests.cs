using Practise.Torch.Modules;
using static Practise.Torch.torch;

namespace Practise.Torch.Tests;

/// <summary>nn.init.skip(): modules built inside it draw nothing from the generator; outside it they initialise as usual.</summary>
public class SkipInitTests
{
    [Fact]
    public void ModulesBuiltWhileSkippingLeaveTheGeneratorUntouched()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        using (nn.init.skip())
        {
            using var conv = new Conv2d(3, 8, 3);
            using var linear = new Linear(8, 4);
        }
        var afterSkipped = randn([6]);
        manual_seed(5);
        var fresh = randn([6]);
        Assert.Equal(fresh.data<float>(), afterSkipped.data<float>());
    }

    [Fact]
    public void InitialisationResumesOnceTheScopeIsDisposed()
    {
        using var scope = NewDisposeScope();
        using (nn.init.skip()) { }
        manual_seed(5);
        using (var conv = new Conv2d(3, 8, 3)) { }
        var afterInitialised = randn([6]);
        manual_seed(5);
        var fresh = randn([6]);
        Assert.NotEqual(fresh.data<float>(), afterInitialised.data<float>());
    }
}
