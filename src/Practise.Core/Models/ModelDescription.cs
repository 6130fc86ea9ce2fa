using Practise.Core.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// What the CLI shows about an architecture. MultiplyAdds counts conv and linear multiply-accumulates for one
/// image of ImageSize² (torchvision's "GFLOPS" column, e.g. 3.66 G for resnet34 at 224²); BlockMultiplyAdds
/// gives each block's share, i.e. what dropping it saves.
/// </summary>
public sealed record ModelDescription(
    string Arch,
    IReadOnlyList<string> DroppableBlocks,
    IReadOnlyList<string> OptionalDroppableBlocks,
    long Parameters,
    long ImageSize,
    long MultiplyAdds,
    IReadOnlyDictionary<string, long> BlockMultiplyAdds);

public static partial class ModelZoo
{
    /// <summary>Describes an unpruned architecture; imageSize defaults to its usual input (224, or 32 for CIFAR ones).</summary>
    public static ModelDescription Describe(string arch, long? imageSize = null, long? numClasses = null, long inChannels = 3)
    {
        var size = imageSize ?? ArchitectureRegistry.Spec(arch).DefaultImageSize;
        using var model = Create(arch, numClasses, inChannels);
        var (total, perBlock) = CountMultiplyAdds(model, size);
        var reference = DroppableBlocks(arch);
        return new ModelDescription(arch, reference, DroppableBlocks(arch, includeFirstBasicBlock: true).Except(reference).ToList(),
            model.parameters().Sum(parameter => parameter.numel()), size, total, perBlock);
    }

    /// <summary>Multiply-adds of one forward at size², in total and per kept block (keyed by original name).</summary>
    public static (long total, IReadOnlyDictionary<string, long> perBlock) CountMultiplyAdds(PrunableModel model, long size)
    {
        var perModule = new Dictionary<string, long>(StringComparer.Ordinal);
        var hooks = new List<HookHandle>();
        foreach (var (path, module) in ModuleTree.NamedModules(model))
        {
            if (module is Conv2d conv)
                hooks.Add(new(conv.register_forward_hook((_, _, output) =>
                {
                    perModule[path] = output.numel() * (conv.in_channels / conv.groups) * conv.kernel_size.Aggregate(1L, (product, size) => product * size);
                    return output;
                }).remove));
            else if (module is Linear linear)
                hooks.Add(new(linear.register_forward_hook((_, _, output) =>
                {
                    perModule[path] = output.numel() * linear.in_features;
                    return output;
                }).remove));
        }
        try
        {
            var wasTraining = model.training;
            model.eval();
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                model.call(zeros(1, model.Architecture.InChannels, size, size));
            }
            model.train(wasTraining);
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
        }
        var perBlock = model.BlockPaths.ToDictionary(
            pair => pair.Key,
            pair => perModule.Where(entry => entry.Key.StartsWith(pair.Value + ".", StringComparison.Ordinal)).Sum(entry => entry.Value),
            StringComparer.Ordinal);
        return (perModule.Values.Sum(), perBlock);
    }
}
