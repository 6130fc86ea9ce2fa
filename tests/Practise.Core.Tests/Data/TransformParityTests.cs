using Practise.Core.Data;
using Practise.Manifest;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Data;

/// <summary>Against torchvision.transforms.functional (tests/fixtures/make_transforms.py).</summary>
public class TransformParityTests
{
    private static readonly Normalization ImageNet = new([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    [Fact]
    public void EvalTransformMatchesResizeCenterCropNormalize()
    {
        using var fixture = Fixtures.Load("transforms/transforms.safetensors");
        using var output = new EvalTransform(new ImageSize(32, 32), ImageNet).Apply(fixture["image"]);
        TensorAssert.Close(fixture["eval_32"], output, rtol: 1e-5, atol: 1e-5);
    }

    [Fact]
    public void CropResizeAndFlipMatchResizedCrop()
    {
        using var fixture = Fixtures.Load("transforms/transforms.safetensors");
        using var scope = NewDisposeScope();
        var pixels = Transforms.ToFloat(fixture["image"]);
        var crop = Transforms.Resize(Transforms.Crop(pixels, 5, 7, 20, 31), 24, 24);
        TensorAssert.Close(fixture["resized_crop_5_7_20_31_to_24"], crop, rtol: 1e-5, atol: 1e-6);
        TensorAssert.Close(fixture["flipped"], Transforms.HorizontalFlip(crop), rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void ImageAlreadyAtTargetSizeIsOnlyScaledAndNormalised()
    {
        using var scope = NewDisposeScope();
        var image = full([1, 28, 28], 51, uint8);
        var output = new EvalTransform(new ImageSize(28, 28), new Normalization([0.2], [0.5])).Apply(image);
        Assert.Equal(new long[] { 1, 28, 28 }, output.shape);
        Assert.All(output.data<float>().ToArray(), value => Assert.Equal(0.0f, value, 6));
    }
}
