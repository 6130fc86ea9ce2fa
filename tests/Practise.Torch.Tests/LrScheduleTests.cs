using Practise.Testing;
using static Practise.Torch.torch.optim;

namespace Practise.Torch.Tests;

/// <summary>The pure schedules against the learning rates PyTorch's schedulers produced (tests/fixtures/make_optim.py).</summary>
public class LrScheduleTests
{
    private const double BaseLr = 0.1;

    // Same arguments as schedules() in make_optim.py; the optimizer there starts at lr 0.1.
    public static TheoryData<string> Schedules => ["StepLR", "MultiStepLR", "CosineAnnealingLR", "CosineAnnealingLR.eta_min", "OneCycleLR", "OneCycleLR.custom"];

    private static double At(string name, int step) => name switch
    {
        "StepLR" => lr_scheduler.StepLR(step, BaseLr, stepSize: 3, gamma: 0.5),
        "MultiStepLR" => lr_scheduler.MultiStepLR(step, BaseLr, [2, 5, 5, 11], gamma: 0.3),
        "CosineAnnealingLR" => lr_scheduler.CosineAnnealingLR(step, BaseLr, tMax: 10),
        "CosineAnnealingLR.eta_min" => lr_scheduler.CosineAnnealingLR(step, BaseLr, tMax: 7, etaMin: 0.01),
        "OneCycleLR" => lr_scheduler.OneCycleLR(step, totalSteps: 40, maxLr: 0.5),
        "OneCycleLR.custom" => lr_scheduler.OneCycleLR(step, totalSteps: 17, maxLr: 2.0, pctStart: 0.25, divFactor: 10, finalDivFactor: 100),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void MatchesPyTorchAtEveryStep(string name)
    {
        using var fixture = Fixtures.Load("optim/lr_schedules.safetensors");
        var expected = fixture[name].data<double>();
        for (var step = 0; step < expected.Length; step++)
        {
            var actual = At(name, step);
            Assert.True(Math.Abs(actual - expected[step]) <= 1e-12, $"{name} step {step}: {actual:R}, PyTorch {expected[step]:R}");
        }
    }

    [Fact]
    public void OneCycleStopsAfterTotalSteps()
    {
        Assert.Equal(0.5 / 25 / 1e4, lr_scheduler.OneCycleLR(39, totalSteps: 40, maxLr: 0.5), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => lr_scheduler.OneCycleLR(41, totalSteps: 40, maxLr: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => lr_scheduler.StepLR(-1, BaseLr, stepSize: 3, gamma: 0.5));
    }
}
