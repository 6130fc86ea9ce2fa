using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Parity;

/// <summary>Long training loops must keep native memory flat: every intermediate is released by its dispose scope.</summary>
[Collection(LiveTensorCountCollection.Name)]
public class TrainingMemoryTests
{
    [Fact]
    public void TwoThousandTrainingStepsLeakNoTensorsAndKeepRssFlat()
    {
        manual_seed(1);
        using var net = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding: 1), nn.BatchNorm2d(4), nn.ReLU(),
            nn.Conv2d(4, 4, 3, padding: 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3));
        using var optimizer = optim.SGD(net.parameters(), 0.01, momentum: 0.9);
        using var input = randn(8, 1, 8, 8);
        using var target = randn(8, 3);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(net.call(input), target);
            loss.backward();
            optimizer.step();
        }

        for (var i = 0; i < 100; i++) Step(); // warm-up: optimizer state and allocator pools settle
        var tensorsBefore = LiveTensors.Count;
        var rssBefore = Environment.WorkingSet;
        for (var i = 0; i < 2000; i++) Step();
        var rssGrowth = Environment.WorkingSet - rssBefore;

        Assert.Equal(tensorsBefore, LiveTensors.Count);
        Assert.True(rssGrowth < 32L << 20, $"resident memory grew by {rssGrowth >> 20} MiB over 2000 steps");
    }
}
