using Practise.Core.Training;
using Practise.Testing;

namespace Practise.Core.Tests.Parity;

/// <summary>The pure schedules the engine and the example use, against the rates PyTorch's schedulers produced (tests/fixtures/make_optim.py).</summary>
public class LrScheduleTests
{
    private const double BaseLr = 0.1;

    // Same arguments as schedules() in make_optim.py; the optimizer there starts at lr 0.1.
    public static TheoryData<string> Schedules => ["MultiStepLR", "OneCycleLR", "OneCycleLR.custom"];

    private static double At(string name, int step) => name switch
    {
        "MultiStepLR" => LearningRateSchedules.MultiStep(step, BaseLr, [2, 5, 5, 11], gamma: 0.3),
        "OneCycleLR" => LearningRateSchedules.OneCycle(step, totalSteps: 40, maxLr: 0.5),
        "OneCycleLR.custom" => LearningRateSchedules.OneCycle(step, totalSteps: 17, maxLr: 2.0, pctStart: 0.25, divFactor: 10, finalDivFactor: 100),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void MatchesPyTorchAtEveryStep(string name)
    {
        using var fixture = Fixtures.Load("optim/lr_schedules.safetensors");
        var expected = fixture[name].data<double>().ToArray();
        for (var step = 0; step < expected.Length; step++)
        {
            var actual = At(name, step);
            Assert.True(Math.Abs(actual - expected[step]) <= 1e-12, $"{name} step {step}: {actual:R}, PyTorch {expected[step]:R}");
        }
    }

    [Fact]
    public void OneCycleStopsAfterTotalSteps()
    {
        Assert.Equal(0.5 / 25 / 1e4, LearningRateSchedules.OneCycle(39, totalSteps: 40, maxLr: 0.5), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedules.OneCycle(41, totalSteps: 40, maxLr: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedules.MultiStep(-1, BaseLr, [2], gamma: 0.5));
    }
}
