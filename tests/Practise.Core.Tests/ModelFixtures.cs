using System.Text.Json;
using Practise.Core.Models;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>tests/fixtures/models: per-architecture tensors and keys.json (state_dict keys/shapes, surgery subsets).</summary>
internal static class ModelFixtures
{
    private static readonly Lazy<JsonElement> Keys = new(() =>
        JsonDocument.Parse(File.ReadAllText(Practise.Testing.Fixtures.PathOf("models/keys.json"))).RootElement);

    /// <summary>How the fixture script builds each architecture: torchvision defaults, CIFAR ones for Fashion-MNIST.</summary>
    public static PrunableModel CreateWithFormulaWeights(string arch)
    {
        var model = arch.EndsWith("_cifar", StringComparison.Ordinal) ? ModelZoo.Create(arch, 10, inChannels: 1) : ModelZoo.Create(arch);
        FormulaWeights.Apply(model);
        model.eval();
        return model;
    }

    /// <summary>PyTorch's state_dict of the architecture (or "arch/prunedN") as "key [shape]" lines, in order.</summary>
    public static List<string> StateDictShapes(string name)
    {
        var entry = Keys.Value.GetProperty(name);
        var list = entry.ValueKind == JsonValueKind.Object ? entry.GetProperty("keys") : entry;
        return list.EnumerateArray().Select(item => Line(item[0].GetString()!, item[1].EnumerateArray().Select(size => size.GetInt64()))).ToList();
    }

    public static IReadOnlyList<string> DroppedBlocks(string name) =>
        Keys.Value.GetProperty(name).GetProperty("dropped").EnumerateArray().Select(item => item.GetString()!).ToList();

    public static JsonElement Description(string arch) => Keys.Value.GetProperty($"{arch}/describe");

    /// <summary>The state_dict's keys and shapes in PyTorch's order (TorchSharp's state_dict() has its own).</summary>
    public static List<string> Shapes(nn.Module model) => ModuleTree.StateDictEntries(model).Select(entry => Line(entry.key, entry.tensor.shape)).ToList();

    private static string Line(string key, IEnumerable<long> shape) => $"{key} [{string.Join(", ", shape)}]";
}
