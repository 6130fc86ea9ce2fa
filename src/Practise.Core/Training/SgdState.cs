using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Training;

/// <summary>
/// SGD's per-parameter state as named tensors, "{position}.momentum_buffer" as in PyTorch's state_dict()["state"], so
/// a scoring checkpoint can store it in safetensors beside the adaptors. TorchSharp's own state_dict() holds state
/// objects that serialise only to its binary format.
/// </summary>
public static class SgdState
{
    private const string MomentumBuffer = "momentum_buffer";

    /// <summary>Copies of every momentum buffer (none before the first step), in the current dispose scope.</summary>
    public static Dictionary<string, Tensor> Save(SGD optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var entries = optimizer.state_dict().State;
        for (var position = 0; position < entries.Count; position++)
            if (((SGD.State)entries[position]).momentum_buffer is { } buffer) state[$"{position}.{MomentumBuffer}"] = buffer.clone();
        return state;
    }

    /// <summary>Restores what <see cref="Save"/> returned (as copies): training continues exactly where it stopped.</summary>
    public static void Load(SGD optimizer, IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var entries = optimizer.state_dict().State;
        var expected = Enumerable.Range(0, entries.Count).Select(position => $"{position}.{MomentumBuffer}").ToHashSet(StringComparer.Ordinal);
        var unknown = state.Keys.Where(key => !expected.Contains(key)).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"optimizer state has entries for no parameter: {string.Join(", ", unknown)}", nameof(state));
        for (var position = 0; position < entries.Count; position++)
        {
            if (!state.TryGetValue($"{position}.{MomentumBuffer}", out var saved)) continue;
            var entry = (SGD.State)entries[position];
            entry.momentum_buffer?.Dispose();
            entry.momentum_buffer = saved.detach().clone().DetachFromDisposeScope();
        }
    }

    /// <summary>Sets every parameter group's learning rate (what one schedule for the whole model needs).</summary>
    public static void SetLearningRate(this optim.Optimizer optimizer, double lr)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
    }
}
