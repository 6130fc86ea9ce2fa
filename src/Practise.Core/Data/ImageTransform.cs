using Practise.Manifest;
using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// Measurement transform: resize the shorter side to size/0.875 and centre-crop (torchvision's Resize(256) +
/// CenterCrop(224) for 224), then normalise. An image already at the target size is used as it is, which is the
/// convention for small-image sets such as Fashion-MNIST.
/// </summary>
public sealed class EvalTransform(ImageSize size, Normalization normalization)
{
    private const double CropFraction = 0.875;

    public Tensor Apply(Tensor image)
    {
        using var scope = NewDisposeScope();
        var pixels = Transforms.ToFloat(image);
        if (pixels.size(1) != size.Height || pixels.size(2) != size.Width)
        {
            var shorter = (long)Math.Floor(Math.Min(size.Height, size.Width) / CropFraction);
            var resized = Transforms.ResizeShorterSide(pixels, shorter);
            pixels = Transforms.CenterCrop(resized, size.Height, size.Width);
        }
        return Transforms.Normalize(pixels, normalization).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// Training augmentation: RandomResizedCrop (torchvision's sampling of scale and aspect ratio, 10 tries, then a
/// centre fallback) and a horizontal flip with probability ½, drawn from the caller's seeded generator.
/// </summary>
public sealed class TrainTransform(ImageSize size, Normalization normalization, double minScale = 0.08, double maxScale = 1.0, bool flip = true)
{
    private const double MinRatio = 3.0 / 4, MaxRatio = 4.0 / 3;

    public Tensor Apply(Tensor image, SplitMix64 random)
    {
        using var scope = NewDisposeScope();
        var pixels = Transforms.ToFloat(image);
        var (top, left, height, width) = CropBox(pixels.size(1), pixels.size(2), random);
        var cropped = Transforms.Crop(pixels, top, left, height, width);
        var resized = Transforms.Resize(cropped, size.Height, size.Width);
        if (flip && random.NextDouble() < 0.5) resized = Transforms.HorizontalFlip(resized);
        return Transforms.Normalize(resized, normalization).MoveToOuterDisposeScope();
    }

    private (long Top, long Left, long Height, long Width) CropBox(long imageHeight, long imageWidth, SplitMix64 random)
    {
        double area = imageHeight * imageWidth;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var targetArea = area * (minScale + (maxScale - minScale) * random.NextDouble());
            var aspect = Math.Exp(Math.Log(MinRatio) + (Math.Log(MaxRatio) - Math.Log(MinRatio)) * random.NextDouble());
            var width = (long)Math.Round(Math.Sqrt(targetArea * aspect));
            var height = (long)Math.Round(Math.Sqrt(targetArea / aspect));
            if (width > 0 && width <= imageWidth && height > 0 && height <= imageHeight)
            {
                var top = (long)random.NextBelow((ulong)(imageHeight - height + 1));
                var left = (long)random.NextBelow((ulong)(imageWidth - width + 1));
                return (top, left, height, width);
            }
        }
        // Fallback as torchvision: the whole image, clamped to the allowed aspect ratios, centred.
        var ratio = imageWidth / (double)imageHeight;
        var (h, w) = ratio < MinRatio ? ((long)Math.Round(imageWidth / MinRatio), imageWidth)
            : ratio > MaxRatio ? (imageHeight, (long)Math.Round(imageHeight * MaxRatio))
            : (imageHeight, imageWidth);
        return ((imageHeight - h) / 2, (imageWidth - w) / 2, h, w);
    }
}
