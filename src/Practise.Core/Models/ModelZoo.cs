using Practise.Core.Architectures;
using TorchSharp;

namespace Practise.Core.Models;

/// <summary>
/// Models by descriptor: building, dropping blocks, validating. What each architecture is comes from its family's
/// plug-in through <see cref="ArchitectureRegistry"/>; nothing here names an architecture.
/// </summary>
public static partial class ModelZoo
{
    /// <summary>A freshly initialised model; numClasses defaults to the architecture's (1000, or 10 for CIFAR ones).</summary>
    public static PrunableModel Create(string arch, long? numClasses = null, long inChannels = 3) =>
        Create(Original(arch, numClasses, inChannels));

    /// <summary>Builds the (possibly pruned) model a descriptor describes, freshly initialised.</summary>
    public static PrunableModel Create(ArchitectureDescriptor descriptor)
    {
        Validate(descriptor);
        // Module constructors hand temporaries (empty/ones/zeros) to Parameter, which keeps its own handle; the scope
        // releases those temporaries now instead of leaving them to the finalizer. Parameters and buffers leave it.
        using var scope = torch.NewDisposeScope();
        return ArchitectureRegistry.Spec(descriptor.Arch).Build(descriptor);
    }

    /// <summary>The descriptor of the unpruned architecture.</summary>
    public static ArchitectureDescriptor Original(string arch, long? numClasses = null, long inChannels = 3)
    {
        var spec = ArchitectureRegistry.Spec(arch);
        return WithBlocks(spec, numClasses ?? spec.DefaultNumClasses, inChannels, spec.Blocks, []);
    }

    /// <summary>Droppable blocks of the unpruned architecture, in original names and forward order.</summary>
    public static IReadOnlyList<string> DroppableBlocks(string arch, bool includeFirstBasicBlock = false)
    {
        var spec = ArchitectureRegistry.Spec(arch);
        return includeFirstBasicBlock ? spec.Blocks.Where(block => spec.Droppable.Contains(block) || spec.OptionalDroppable.Contains(block)).ToList() : spec.Droppable;
    }

    /// <summary>The descriptor with more blocks dropped; each must be a kept, droppable block.</summary>
    public static ArchitectureDescriptor Without(ArchitectureDescriptor descriptor, IEnumerable<string> blocks)
    {
        var spec = ArchitectureRegistry.Spec(descriptor.Arch);
        var drop = blocks.ToHashSet(StringComparer.Ordinal);
        var allowed = DroppableBlocks(descriptor.Arch, includeFirstBasicBlock: true);
        var invalid = drop.Where(block => !allowed.Contains(block) || !descriptor.KeptBlocks.Contains(block)).Order(StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
            throw new ArgumentException($"cannot drop {string.Join(", ", invalid)} from {descriptor.Arch}: droppable and still kept are {string.Join(", ", allowed.Where(descriptor.KeptBlocks.Contains))}", nameof(blocks));
        var dropped = spec.Blocks.Where(block => drop.Contains(block) || descriptor.DroppedBlocks.Contains(block)).ToList();
        var kept = descriptor.KeptBlocks.Where(block => !drop.Contains(block)).ToList();
        // A dropped block's hidden widths go with it.
        var widths = descriptor.HiddenWidths?.Where(pair => !drop.Contains(BlockOfHiddenLayer(spec, pair.Key))).ToDictionary(StringComparer.Ordinal);
        return WithBlocks(spec, descriptor.NumClasses, descriptor.InChannels, kept, dropped) with { HiddenWidths = widths is { Count: > 0 } ? widths : null };
    }

    /// <summary>
    /// The descriptor with hidden widths set (layer "block.conv" → width); other thinned layers keep theirs. Each layer
    /// must be a hidden layer of a kept block and its width between 1 and the architecture's.
    /// </summary>
    public static ArchitectureDescriptor WithHiddenWidths(ArchitectureDescriptor descriptor, IReadOnlyDictionary<string, long> widths)
    {
        var spec = ArchitectureRegistry.Spec(descriptor.Arch);
        var merged = new Dictionary<string, long>(descriptor.HiddenWidths ?? new Dictionary<string, long>(), StringComparer.Ordinal);
        foreach (var (layer, width) in widths) merged[layer] = width;
        // Forward order, and only the thinned ones: the canonical form that descriptors compare and hash by.
        var ordered = spec.HiddenLayers.Keys.Where(layer => merged.TryGetValue(layer, out var width) && width != spec.HiddenLayers[layer])
            .ToDictionary(layer => layer, layer => merged[layer], StringComparer.Ordinal);
        var result = descriptor with { HiddenWidths = ordered.Count > 0 ? ordered : null };
        var unknown = merged.Keys.Where(layer => !spec.HiddenLayers.ContainsKey(layer)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{descriptor.Arch} has no hidden layer {string.Join(", ", unknown)}; channel pruning thins {DescribeHiddenLayers(spec)}", nameof(widths));
        Validate(result);
        return result;
    }

    /// <summary>The block a hidden layer ("layer1.0.conv1", "features.3.conv.0.0") belongs to ("layer1.0", "features.3").</summary>
    internal static string BlockOfHiddenLayer(ArchitectureSpec spec, string layer) =>
        spec.Blocks.Where(block => layer.StartsWith(block + ".", StringComparison.Ordinal)).MaxBy(block => block.Length)
            ?? throw new ArgumentException($"'{layer}' lies in no block of {spec.Name}", nameof(layer));

    private static string DescribeHiddenLayers(ArchitectureSpec spec) =>
        spec.HiddenLayers.Count == 0 ? "nothing in this architecture" : $"{spec.HiddenLayers.Keys.First()} … {spec.HiddenLayers.Keys.Last()}";

    /// <summary>Checks a descriptor (e.g. read from model.json) against its architecture; the message names the fix.</summary>
    public static void Validate(ArchitectureDescriptor descriptor)
    {
        var spec = ArchitectureRegistry.Spec(descriptor.Arch);
        if (descriptor.NumClasses < 1 || descriptor.InChannels < 1)
            throw new FormatException($"{descriptor.Arch}: num_classes ({descriptor.NumClasses}) and in_channels ({descriptor.InChannels}) must be positive");
        var expectedKept = spec.Blocks.Where(block => !descriptor.DroppedBlocks.Contains(block)).ToList();
        var notDroppable = descriptor.DroppedBlocks.Where(block => !DroppableBlocks(spec.Name, includeFirstBasicBlock: true).Contains(block)).ToList();
        if (notDroppable.Count > 0)
            throw new FormatException($"{descriptor.Arch}: dropped_blocks lists blocks that cannot be dropped: {string.Join(", ", notDroppable)}");
        if (!descriptor.KeptBlocks.SequenceEqual(expectedKept))
            throw new FormatException($"{descriptor.Arch}: kept_blocks must be every block not in dropped_blocks, in order: {string.Join(", ", expectedKept)}");
        var expectedLengths = spec.HasStages ? StageLengths(expectedKept, spec) : null;
        if (!(descriptor.StageLengths ?? []).SequenceEqual(expectedLengths ?? []))
            throw new FormatException($"{descriptor.Arch}: stage_lengths must be [{string.Join(", ", expectedLengths ?? [])}] for these kept_blocks");
        ValidateHiddenWidths(descriptor, spec);
    }

    /// <summary>hidden_widths: hidden layers of kept blocks, in forward order, each thinner than the architecture's but never empty.</summary>
    private static void ValidateHiddenWidths(ArchitectureDescriptor descriptor, ArchitectureSpec spec)
    {
        if (descriptor.HiddenWidths is not { } widths) return;
        foreach (var (layer, width) in widths)
        {
            if (!spec.HiddenLayers.TryGetValue(layer, out var original))
                throw new FormatException($"{descriptor.Arch}: hidden_widths names '{layer}', which is no hidden layer; they are {DescribeHiddenLayers(spec)}");
            if (!descriptor.KeptBlocks.Contains(BlockOfHiddenLayer(spec, layer)))
                throw new FormatException($"{descriptor.Arch}: hidden_widths names '{layer}' of a dropped block; leave it out");
            if (width < 1)
                throw new FormatException($"{descriptor.Arch}: hidden_widths['{layer}'] is {width}; a layer keeps at least 1 of its {original} channels");
            if (width >= original)
                throw new FormatException($"{descriptor.Arch}: hidden_widths['{layer}'] is {width}; it must be below the architecture's {original} (leave unthinned layers out)");
        }
        var expectedOrder = spec.HiddenLayers.Keys.Where(widths.ContainsKey).ToList();
        if (!widths.Keys.SequenceEqual(expectedOrder))
            throw new FormatException($"{descriptor.Arch}: hidden_widths must list its layers in forward order: {string.Join(", ", expectedOrder)}");
    }

    private static ArchitectureDescriptor WithBlocks(ArchitectureSpec spec, long numClasses, long inChannels, IReadOnlyList<string> kept, IReadOnlyList<string> dropped) =>
        new()
        {
            Arch = spec.Name,
            NumClasses = numClasses,
            InChannels = inChannels,
            StageLengths = spec.HasStages ? StageLengths(kept, spec) : null,
            KeptBlocks = kept,
            DroppedBlocks = dropped,
        };

    private static List<int> StageLengths(IEnumerable<string> kept, ArchitectureSpec spec)
    {
        var stages = spec.Blocks.Select(block => PrunableModel.Split(block).container).Distinct().ToList();
        return stages.Select(stage => kept.Count(block => PrunableModel.Split(block).container == stage)).ToList();
    }
}
