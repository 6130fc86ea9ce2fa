using static TorchSharp.torch;

namespace Practise.Core.Synthesis;

/// <summary>DeepInversion's image priors on a normalised N×C×H×W batch (get_image_prior_losses and its L2 term).</summary>
public static class ImagePriors
{
    /// <summary>
    /// Total variation (L2): the Euclidean norms of the differences between each pixel and its right, lower, and two
    /// diagonal neighbours, summed. Small for smooth images.
    /// </summary>
    public static Tensor TotalVariation(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        long height = images.size(2), width = images.size(3);
        Tensor Window(long top, long left, long rows, long columns) => images.narrow(2, top, rows).narrow(3, left, columns);
        var right = Window(0, 0, height, width - 1).sub(Window(0, 1, height, width - 1)).norm();
        var down = Window(0, 0, height - 1, width).sub(Window(1, 0, height - 1, width)).norm();
        var antiDiagonal = Window(1, 0, height - 1, width - 1).sub(Window(0, 1, height - 1, width - 1)).norm();
        var diagonal = Window(0, 0, height - 1, width - 1).sub(Window(1, 1, height - 1, width - 1)).norm();
        return right.add(down).add(antiDiagonal).add(diagonal).MoveToOuterDisposeScope();
    }

    /// <summary>The Euclidean norm of the whole batch: keeps pixel values from growing without bound.</summary>
    public static Tensor L2(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return images.norm();
    }
}
