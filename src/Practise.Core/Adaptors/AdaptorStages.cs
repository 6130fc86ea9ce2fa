using Practise.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Adaptors;

/// <summary>The stages of each architecture (runs of blocks that share the stream's width) and each block's convs.</summary>
internal static class AdaptorStages
{
    // n of torchvision's inverted_residual_setting (t, c, n, s): rows of 16, 24, 32, 64, 96, 160 and 320 channels
    // starting at features.1. The reference walks from the dropped block while out_channels stays the same, which is
    // exactly a row, so the 96-channel row (features.11–13) starts at a stride-1 block.
    private static readonly int[] MobileNetV2Rows = [1, 2, 3, 4, 3, 3, 1];

    /// <summary>Original block names per stage, in forward order (every block of the architecture, kept or not).</summary>
    public static List<List<string>> Of(PrunableModel model)
    {
        if (model is Models.MobileNetV2)
        {
            var first = 1;
            return MobileNetV2Rows.Select(length =>
            {
                var row = Enumerable.Range(first, length).Select(index => $"features.{index}").ToList();
                first += length;
                return row;
            }).ToList();
        }
        if (model is ResNet or CifarResNet)
        {
            return ModelZoo.Spec(model.Architecture.Arch).Blocks
                .GroupBy(block => PrunableModel.Split(block).container, StringComparer.Ordinal)
                .Select(stage => stage.ToList())
                .ToList();
        }
        throw new NotSupportedException($"no adaptor placement for {model.GetType().Name} ({model.Architecture.Arch})");
    }

    /// <summary>
    /// Convs whose output is added to the stream: the last conv of the residual branch (conv3 for a Bottleneck, where
    /// the reference uses conv2, docs/adaptors.md) and the downsample conv; the projection conv of an inverted residual.
    /// </summary>
    public static IEnumerable<string> Writers(nn.Module block, string path) => block switch
    {
        BasicBlock basic => WithDownsample(path, "conv2", basic.downsample),
        Bottleneck bottleneck => WithDownsample(path, "conv3", bottleneck.downsample),
        InvertedResidual inverted => [$"{path}.conv.{Projection(inverted)}"],
        _ => throw new NotSupportedException($"no adaptor placement for a {block.GetType().Name} at {path}"),
    };

    /// <summary>Convs that read the stream: conv1 and the downsample conv; the 1×1 expansion of an inverted residual.</summary>
    public static IEnumerable<string> Readers(nn.Module block, string path) => block switch
    {
        BasicBlock basic => WithDownsample(path, "conv1", basic.downsample),
        Bottleneck bottleneck => WithDownsample(path, "conv1", bottleneck.downsample),
        InvertedResidual inverted when HasExpansion(inverted) => [$"{path}.conv.0.0"],
        // Without expansion (t = 1, features.1 only) the reader would be a depthwise conv, which no 1×1 mixing folds into.
        _ => throw new NotSupportedException($"no pre-adaptor placement for a {block.GetType().Name} at {path}"),
    };

    private static IEnumerable<string> WithDownsample(string path, string conv, Sequential? downsample) =>
        downsample is null ? [$"{path}.{conv}"] : [$"{path}.{conv}", $"{path}.downsample.0"];

    private static string Projection(InvertedResidual block) =>
        block.conv.named_children().Single(child => child.module is Conv2d).name;

    private static bool HasExpansion(InvertedResidual block) =>
        block.conv[0] is Sequential first && first[0] is Conv2d { groups: 1 };
}
