using Practise.Core.Data;
using static TorchSharp.torch;

namespace Practise.Core.Synthesis;

/// <summary>
/// Between the network's normalised inputs and uint8 pixels, so a generated set is stored, written as PNG and loaded
/// exactly as real images are: (x·std + mean)·255, rounded, clamped to 0–255.
/// </summary>
public static class PixelImages
{
    /// <summary>Normalised N×C×H×W floats (any device) → uint8 pixels on the CPU.</summary>
    public static Tensor ToPixels(Tensor normalised, Normalization normalization)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        using var scope = NewDisposeScope();
        var (mean, std) = PerChannel(normalization, normalised.device);
        var unit = normalised.detach().mul(std).add(mean);
        return unit.mul(255).round().clamp(0, 255).to_type(uint8).cpu().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The normalised values a pixel in [0, 1] can take, per channel, as 1×C×1×1 (low, high): DeepInversion clips its
    /// inputs to them after every step, so the optimised image is one a camera could have taken.
    /// </summary>
    public static (Tensor Low, Tensor High) Bounds(Normalization normalization, Device device)
    {
        using var scope = NewDisposeScope();
        var (mean, std) = PerChannel(normalization, device);
        var low = mean.neg().div(std);
        var high = mean.neg().add(1).div(std);
        return (low.MoveToOuterDisposeScope(), high.MoveToOuterDisposeScope());
    }

    private static (Tensor Mean, Tensor Std) PerChannel(Normalization normalization, Device device)
    {
        var channels = normalization.Mean.Count;
        var mean = tensor(normalization.Mean.Select(value => (float)value).ToArray(), [1, channels, 1, 1]).to(device);
        var std = tensor(normalization.Std.Select(value => (float)value).ToArray(), [1, channels, 1, 1]).to(device);
        return (mean, std);
    }
}
