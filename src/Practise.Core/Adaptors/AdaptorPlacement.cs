using Practise.Core.Architectures;
using Practise.Core.Models;
using TorchSharp.Modules;

namespace Practise.Core.Adaptors;

/// <summary>
/// Where the reference puts adaptors around the gap a dropped block leaves (docs/adaptors.md). Within the dropped
/// block's stage, every kept block before the gap gets after-adaptors on the convs that write the stream, and every
/// kept block after it, plus the first block of the next stage, pre-adaptors on the convs that read it. The skip path
/// and the classifier are never adapted.
/// </summary>
public static class AdaptorPlacement
{
    /// <summary>
    /// Sites around the gaps left by droppedBlocks (original names) in pruned, which must no longer have them. For one
    /// block this is the reference's rule; for several the union, one site per (conv, kind), in forward order (a pre
    /// before an after on the same conv).
    /// </summary>
    public static IReadOnlyList<AdaptorSite> For(PrunableModel pruned, IEnumerable<string> droppedBlocks)
    {
        ArgumentNullException.ThrowIfNull(pruned);
        ArgumentNullException.ThrowIfNull(droppedBlocks);
        var stages = ArchitectureRegistry.Spec(pruned.Architecture.Arch).AdaptorStages;
        var wanted = new HashSet<(string path, AdaptorKind kind)>();
        foreach (var block in droppedBlocks.Distinct(StringComparer.Ordinal))
        {
            if (!pruned.Architecture.DroppedBlocks.Contains(block))
                throw new ArgumentException(
                    $"{pruned.Architecture.Arch}: '{block}' is not a dropped block of this model (dropped: {string.Join(", ", pruned.Architecture.DroppedBlocks)})",
                    nameof(droppedBlocks));
            var stage = stages.ToList().FindIndex(blocks => blocks.Contains(block));
            if (stage < 0) throw new ArgumentException($"{pruned.Architecture.Arch}: '{block}' belongs to no stage", nameof(droppedBlocks));
            var position = stages[stage].ToList().IndexOf(block);
            foreach (var (earlier, path) in Kept(pruned, stages[stage].Take(position)))
                foreach (var conv in earlier.StreamWriters(path)) wanted.Add((conv, AdaptorKind.After));
            var readers = Kept(pruned, stages[stage].Skip(position + 1)).ToList();
            if (stage + 1 < stages.Count) readers.AddRange(Kept(pruned, stages[stage + 1]).Take(1));
            foreach (var (later, path) in readers)
                foreach (var conv in later.StreamReaders(path)) wanted.Add((conv, AdaptorKind.Pre));
        }
        return InForwardOrder(pruned, wanted);
    }

    /// <summary>The kept ones of some blocks, with their paths in the pruned model; each must say where its adaptors go.</summary>
    private static IEnumerable<(IAdaptableBlock block, string path)> Kept(PrunableModel pruned, IEnumerable<string> originalNames) =>
        originalNames.Where(pruned.BlockPaths.ContainsKey).Select(name =>
        {
            var (block, path) = (pruned.Block(name), pruned.BlockPaths[name]);
            return block is IAdaptableBlock adaptable
                ? (adaptable, path)
                : throw new NotSupportedException($"no adaptor placement for a {block.GetType().Name} at {path}: its class does not implement {nameof(IAdaptableBlock)}");
        });

    private static List<AdaptorSite> InForwardOrder(PrunableModel pruned, HashSet<(string path, AdaptorKind kind)> wanted)
    {
        var sites = new List<AdaptorSite>();
        foreach (var (path, module) in ModuleTree.NamedModules(pruned))
        {
            if (module is not Conv2d conv) continue;
            if (wanted.Contains((path, AdaptorKind.Pre))) sites.Add(new(path, AdaptorKind.Pre, conv.in_channels));
            if (wanted.Contains((path, AdaptorKind.After))) sites.Add(new(path, AdaptorKind.After, conv.out_channels));
        }
        if (sites.Count != wanted.Count)
            throw new InvalidOperationException($"adaptor sites that are no Conv2d: {string.Join(", ", wanted.Select(site => site.path).Except(sites.Select(site => site.ConvPath)))}");
        return sites;
    }
}
