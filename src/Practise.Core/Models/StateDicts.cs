using Practise.Core.Serialization;
using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// Loading weights by name as PyTorch's load_state_dict(strict=True) does, with one error listing every missing,
/// unexpected and mis-shaped key. TorchSharp's load_state_dict reports only the first problem and refuses BatchNorm
/// weights without num_batches_tracked, which PyTorch accepts and many exporters drop.
/// </summary>
public static class StateDicts
{
    // BatchNorm's step counter: PyTorch keeps the module's own value when a checkpoint lacks it.
    private const string OptionalBufferSuffix = ".num_batches_tracked";

    /// <summary>
    /// Copies the values in by name (nothing is copied when anything does not fit). With strict, every key the module
    /// has (but num_batches_tracked) must be given, and every key given must exist; shapes must always agree.
    /// </summary>
    /// <exception cref="StateDictMismatchException">Weights that do not fit, every bad key listed.</exception>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> source, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(source);
        var target = module.state_dict();
        var missing = target.Keys.Where(key => !source.ContainsKey(key) && !IsOptional(key)).Order(StringComparer.Ordinal).ToList();
        var unexpected = source.Keys.Where(key => !target.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        var misShaped = target.Where(pair => source.TryGetValue(pair.Key, out var value) && !value.shape.SequenceEqual(pair.Value.shape))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}: model [{string.Join(", ", pair.Value.shape)}] vs weights [{string.Join(", ", source[pair.Key].shape)}]")
            .ToList();
        if (misShaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
            throw new StateDictMismatchException(module.GetType().Name, missing, unexpected, misShaped);
        using (no_grad())
        {
            foreach (var (key, tensor) in target)
                if (source.TryGetValue(key, out var value)) tensor.copy_(value);
        }
    }

    /// <summary>Loads a safetensors file's tensors into a module (see <see cref="Load"/>) and releases the loaded copies.</summary>
    /// <exception cref="SafetensorsException">The file cannot be read.</exception>
    public static void LoadFile(nn.Module module, string path, bool strict = true)
    {
        var tensors = Safetensors.Load(path);
        try
        {
            Load(module, tensors, strict);
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    private static bool IsOptional(string key) => key.EndsWith(OptionalBufferSuffix, StringComparison.Ordinal);
}
