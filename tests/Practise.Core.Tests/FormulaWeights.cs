using Practise.Core.Models;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>
/// The deterministic weights of tests/fixtures/make_models.py (formula_state), so parity fixtures need not store
/// weights: entry k of state_dict, element i, φ = 0.37·i + 1.3·k, computed in float64 (docs/pruned-models.md).
/// </summary>
internal static class FormulaWeights
{
    public static void Apply(nn.Module model)
    {
        // k counts entries in PyTorch's state_dict order, as make_models.py does.
        var values = ModuleTree.StateDictEntries(model).Select((entry, k) => (entry.key, value: Make(entry.key, entry.tensor.shape, k, entry.tensor.dtype)))
            .ToDictionary(pair => pair.key, pair => pair.value, StringComparer.Ordinal);
        try
        {
            StateDicts.Load(model, values);
        }
        finally
        {
            foreach (var tensor in values.Values) tensor.Dispose();
        }
    }

    private static Tensor Make(string name, long[] shape, int k, ScalarType dtype)
    {
        if (name.EndsWith("num_batches_tracked", StringComparison.Ordinal)) return zeros(shape, dtype).DetachFromDisposeScope();
        var count = shape.Aggregate(1L, (product, size) => product * size);
        var fanIn = shape.Skip(1).Aggregate(1L, (product, size) => product * size);
        Func<double, double> formula = name switch
        {
            _ when name.EndsWith("running_mean", StringComparison.Ordinal) => phase => 0.1 * Math.Sin(phase),
            _ when name.EndsWith("running_var", StringComparison.Ordinal) => phase => 1 + 0.5 * Math.Sin(phase) * Math.Sin(phase),
            _ when name.EndsWith("bias", StringComparison.Ordinal) => phase => 0.1 * Math.Cos(phase),
            _ when shape.Length == 1 => phase => 1 + 0.1 * Math.Sin(phase),
            _ => phase => Math.Sin(phase) / Math.Sqrt(fanIn),
        };
        var values = new float[count];
        for (long i = 0; i < count; i++) values[i] = (float)formula(0.37 * i + 1.3 * k);
        using var host = tensor(values, shape);
        return host.to_type(dtype).DetachFromDisposeScope();
    }
}
