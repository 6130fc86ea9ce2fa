using Practise.Core.Models;

namespace Practise.Core.Architectures;

/// <summary>An architecture's fixed facts: its blocks in original names, which may be dropped, and how to build it.</summary>
/// <param name="Blocks">Every block ("container.index"), in forward order; a descriptor keeps or drops these.</param>
/// <param name="Droppable">The blocks the reference offers for dropping: they map the stream to the same shape.</param>
/// <param name="OptionalDroppable">Blocks that also keep the shape, offered only with recoverability.include-first-block.</param>
/// <param name="AdaptorStages">Runs of blocks sharing the stream's width: adaptors around a gap stay within its run (and the next run's first block).</param>
/// <param name="HasStages">Whether the descriptor lists stage_lengths (what torchvision's ResNet constructor takes).</param>
/// <param name="Build">A freshly initialised (possibly pruned) model for a descriptor of this architecture.</param>
/// <param name="HiddenLayers">
/// The hidden widths channel pruning may thin (docs/channel-pruning.md): "block.conv" (original block name, the conv whose
/// output channels they are) → the unpruned width, in forward order. Only widths inside a block, so no tensor outside
/// it changes shape and block dropping composes; empty for a family that lists none yet.
/// </param>
public sealed record ArchitectureSpec(
    string Name,
    long DefaultNumClasses,
    long DefaultImageSize,
    IReadOnlyList<string> Blocks,
    IReadOnlyList<string> Droppable,
    IReadOnlyList<string> OptionalDroppable,
    IReadOnlyList<IReadOnlyList<string>> AdaptorStages,
    bool HasStages,
    Func<ArchitectureDescriptor, PrunableModel> Build,
    IReadOnlyDictionary<string, long> HiddenLayers);
