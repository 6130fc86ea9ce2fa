namespace Practise.Core.Channels;

/// <summary>
/// One hidden width inside a block, as channel pruning sees it (docs/channel-pruning.md). Paths are relative to the
/// block. Removing channel c removes output c of every <paramref name="Thinned"/> module (the producing conv, its BN, a
/// depthwise conv and its BN) and input c of <paramref name="Consumer"/>; the channel's statistics are taken where the
/// consumer reads it, which is after the nonlinearity, and its mean is folded into <paramref name="ConsumerNorm"/>.
/// </summary>
/// <param name="Conv">The conv whose outputs these channels are: the layer's name in hidden_widths ("block.conv").</param>
/// <param name="Thinned">The modules whose dimension 0 is this width (conv weights, BN parameters and buffers).</param>
/// <param name="Consumer">The conv reading the hidden channels (its weight's dimension 1); it has no bias.</param>
/// <param name="ConsumerNorm">The BatchNorm right after the consumer, whose running mean absorbs the removed channels' means.</param>
public sealed record HiddenLayer(string Conv, IReadOnlyList<string> Thinned, string Consumer, string ConsumerNorm);

/// <summary>A block with hidden widths channel pruning may thin; its family lists the same convs in ArchitectureSpec.HiddenLayers.</summary>
public interface IChannelPrunableBlock
{
    IReadOnlyList<HiddenLayer> HiddenLayers { get; }
}
