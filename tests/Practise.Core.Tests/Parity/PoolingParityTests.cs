using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace Practise.Core.Tests.Parity;

/// <summary>Pooling and resizing against PyTorch, forward and backward (tests/fixtures/make_functional.py).</summary>
public class PoolingParityTests
{
    private static void Check(string name, Func<FixtureSet, torch.Tensor> op) => GradientParity.Check($"functional/{name}.safetensors", op);

    [Fact]
    public void MaxPoolStrideDefaultsToKernel() => Check("max_pool2d_basic", f => functional.max_pool2d(f["input"], [2, 2]));

    [Fact]
    public void MaxPoolCeilModeKeepsThePartialWindow() =>
        Check("max_pool2d_ceil", f => functional.max_pool2d(f["input"], [3, 3], strides: [2, 2], padding: [1, 1], ceil_mode: true));

    [Fact]
    public void MaxPoolDilation() =>
        Check("max_pool2d_dilation", f => functional.max_pool2d(f["input"], [3, 2], strides: [1, 1], dilation: [2, 2]));

    [Fact]
    public void AvgPoolStrideDefaultsToKernel() => Check("avg_pool2d_basic", f => functional.avg_pool2d(f["input"], [2, 2]));

    [Fact]
    public void AvgPoolPaddingCountsTowardsTheAverage() =>
        Check("avg_pool2d_padding", f => functional.avg_pool2d(f["input"], [3, 3], stride: [2, 2], padding: [1, 1]));

    [Fact]
    public void AdaptiveAvgPoolUnevenBins() => Check("adaptive_avg_pool2d", f => functional.adaptive_avg_pool2d(f["input"], [3, 4]));

    [Fact]
    public void AdaptiveAvgPoolGlobal() => Check("adaptive_avg_pool2d_global", f => functional.adaptive_avg_pool2d(f["input"], [1, 1]));

    [Theory]
    [InlineData("interpolate_bilinear_up_noalign", 7, 9, false)]
    [InlineData("interpolate_bilinear_up_align", 7, 9, true)]
    [InlineData("interpolate_bilinear_down_noalign", 3, 5, false)]
    [InlineData("interpolate_bilinear_down_align", 3, 5, true)]
    public void InterpolateBilinear(string name, long height, long width, bool alignCorners) =>
        Check(name, f => functional.interpolate(f["input"], [height, width], mode: torch.InterpolationMode.Bilinear, align_corners: alignCorners));

    [Theory]
    [InlineData("interpolate_nearest_up", 7, 9)]
    [InlineData("interpolate_nearest_down", 3, 5)]
    public void InterpolateNearest(string name, long height, long width) =>
        Check(name, f => functional.interpolate(f["input"], [height, width], mode: torch.InterpolationMode.Nearest));
}
