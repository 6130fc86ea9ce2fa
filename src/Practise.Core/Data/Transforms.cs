using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Data;

/// <summary>Per-channel normalisation applied after scaling pixels to [0, 1].</summary>
public sealed record Normalization(IReadOnlyList<double> Mean, IReadOnlyList<double> Std);

/// <summary>Image transforms on C×H×W tensors, with torchvision's semantics (bilinear resize without antialias).</summary>
public static class Transforms
{
    /// <summary>uint8 [0, 255] → float32 [0, 1].</summary>
    public static Tensor ToFloat(Tensor image)
    {
        using var asFloat = image.to_type(float32);
        return asFloat.div(255.0);
    }

    public static Tensor Resize(Tensor image, long height, long width)
    {
        if (image.size(1) == height && image.size(2) == width) return image.alias();
        using var batch = image.unsqueeze(0);
        using var resized = F.interpolate(batch, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        return resized.squeeze(0);
    }

    /// <summary>Resizes so the shorter side is <paramref name="shorter"/>, keeping the aspect ratio (torchvision's Resize(int)).</summary>
    public static Tensor ResizeShorterSide(Tensor image, long shorter)
    {
        long height = image.size(1), width = image.size(2);
        return height <= width
            ? Resize(image, shorter, (long)(shorter * width / (double)height))
            : Resize(image, (long)(shorter * height / (double)width), shorter);
    }

    public static Tensor Crop(Tensor image, long top, long left, long height, long width)
    {
        using var rows = image.narrow(1, top, height);
        return rows.narrow(2, left, width).contiguous();
    }

    /// <summary>torchvision's CenterCrop rounding: offsets are round((size − crop) / 2).</summary>
    public static Tensor CenterCrop(Tensor image, long height, long width)
    {
        var top = (long)Math.Round((image.size(1) - height) / 2.0, MidpointRounding.ToEven);
        var left = (long)Math.Round((image.size(2) - width) / 2.0, MidpointRounding.ToEven);
        return Crop(image, top, left, height, width);
    }

    public static Tensor HorizontalFlip(Tensor image) => image.flip(2);

    public static Tensor Normalize(Tensor image, Normalization normalization)
    {
        var channels = image.size(0);
        if (normalization.Mean.Count != channels || normalization.Std.Count != channels)
            throw new DataException($"image has {channels} channels but mean/std have {normalization.Mean.Count}/{normalization.Std.Count} values (model.input.mean, model.input.std)");
        using var mean = tensor(normalization.Mean.Select(value => (float)value).ToArray(), channels, 1, 1);
        using var std = tensor(normalization.Std.Select(value => (float)value).ToArray(), channels, 1, 1);
        using var centred = image.sub(mean);
        return centred.div(std);
    }
}
