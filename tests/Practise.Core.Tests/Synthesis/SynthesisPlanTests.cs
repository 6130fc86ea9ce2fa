using Practise.Core.Data;
using Practise.Core.Synthesis;
using Practise.Core.Training;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Synthesis;

/// <summary>The pure parts of synthesis: batches, targets, the learning-rate schedule, pixels and PNG files.</summary>
public class SynthesisPlanTests
{
    [Theory]
    [InlineData(100, 64, new[] { 50, 50 })]
    [InlineData(64, 64, new[] { 64 })]
    [InlineData(6, 4, new[] { 3, 3 })]
    [InlineData(7, 3, new[] { 2, 2, 3 })]
    public void Batches_are_as_equal_as_possible(int count, int batchSize, int[] sizes)
    {
        var plan = new SynthesisPlan(count, batchSize, 10);

        Assert.Equal(sizes, Enumerable.Range(0, plan.Batches).Select(batch => plan.Batch(batch).Length));
        Assert.Equal(count, Enumerable.Range(0, plan.Batches).Sum(batch => plan.Batch(batch).Length));
    }

    [Fact]
    public void Targets_spread_evenly_over_the_classes()
    {
        var plan = new SynthesisPlan(100, 64, 10);

        var targets = Enumerable.Range(0, plan.Batches).SelectMany(plan.Targets).ToList();

        Assert.Equal(100, targets.Count);
        Assert.All(Enumerable.Range(0, 10), label => Assert.Equal(10, targets.Count(target => target == label)));
        Assert.Equal(targets.Order(), targets);
    }

    [Fact]
    public void Learning_rate_warms_up_then_follows_a_cosine()
    {
        Assert.Equal(0.25 / 100, LearningRateSchedules.CosineWithWarmup(0, 2000, 0.25, 100), 12);
        Assert.Equal(0.25, LearningRateSchedules.CosineWithWarmup(99, 2000, 0.25, 100), 12);
        Assert.Equal(0.25, LearningRateSchedules.CosineWithWarmup(100, 2000, 0.25, 100), 12);
        Assert.Equal(0.125, LearningRateSchedules.CosineWithWarmup(1050, 2000, 0.25, 100), 12);
        Assert.InRange(LearningRateSchedules.CosineWithWarmup(1999, 2000, 0.25, 100), 0, 1e-6);
        Assert.Equal(0.25, LearningRateSchedules.CosineWithWarmup(0, 3, 0.25, 0), 12);
    }

    [Fact]
    public void Pixels_round_trip_through_normalisation()
    {
        var normalization = new Normalization([0.5, 0.4, 0.3], [0.25, 0.2, 0.1]);
        using var scope = NewDisposeScope();
        var pixels = arange(0, 3 * 16 * 16, dtype: int64).remainder(256).to_type(uint8).reshape(1, 3, 16, 16);
        var normalised = Transforms.Normalize(Transforms.ToFloat(pixels.squeeze(0)), normalization).unsqueeze(0);

        var back = PixelImages.ToPixels(normalised, normalization);

        Assert.Equal(pixels.bytes.ToArray(), back.bytes.ToArray());
    }

    [Theory]
    [InlineData(1, ImageReadMode.GRAY)]
    [InlineData(3, ImageReadMode.RGB)]
    public void Png_files_decode_to_the_same_pixels(int channels, ImageReadMode mode)
    {
        using var directory = new TemporaryDirectory();
        using var scope = NewDisposeScope();
        var image = arange(0, channels * 9 * 7, dtype: int64).mul(37).remainder(256).to_type(uint8).reshape(channels, 9, 7);

        var path = directory.Write("image.png", PngEncoder.Encode(image));

        Assert.Equal(image.bytes.ToArray(), ImageDecoding.read_image(path, mode).bytes.ToArray());
        Assert.Equal(PngEncoder.Encode(image), File.ReadAllBytes(path));
    }

    [Fact]
    public void The_sample_grid_shows_sixteen_images_four_to_a_row()
    {
        using var scope = NewDisposeScope();
        var images = Enumerable.Range(0, 20).Select(i => full([1, 5, 6], i * 10, dtype: uint8)).ToList();

        using var grid = ImageDecoding.decode_image(SampleGrid.Png(images), ImageReadMode.GRAY);

        Assert.Equal(new long[] { 1, (4 * 5) + (3 * 2), (4 * 6) + (3 * 2) }, grid.shape);
        Assert.Equal(130, grid[0, 3 * 7, 1 * 8].ToByte());
    }
}
