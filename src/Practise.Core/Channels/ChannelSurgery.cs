using Practise.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Channels;

/// <summary>
/// Steps 2–3 of variance-based pruning (docs/channel-pruning.md): a new model whose hidden layers keep only the
/// selected channels, with the teacher's weights sliced, and optionally each removed channel's mean folded into the
/// BatchNorm after its consumer conv.
/// </summary>
public static class ChannelSurgery
{
    private static readonly string[] ChannelTensors = ["weight", "bias", "running_mean", "running_var"];

    /// <summary>
    /// The thinned model, on the teacher's device and in its train/eval mode. With compensation a removed channel c
    /// of mean m_c shifts the consumer's output o by δ_o = Σ_c m_c · Σ_{kh,kw} W[o, c, kh, kw] (a constant input through
    /// the kernel), which the next BatchNorm absorbs as running_mean − δ. That is exact at positions whose whole kernel
    /// window lies inside the map; at the border zero padding hides some taps, so there the compensation overshoots.
    /// </summary>
    public static PrunableModel Prune(PrunableModel teacher, IReadOnlyList<LayerPruning> pruning, bool compensate)
    {
        var byLayer = pruning.ToDictionary(layer => layer.Layer, StringComparer.Ordinal);
        var layers = ChannelStatistics.HiddenLayers(teacher);
        var descriptor = ModelZoo.WithHiddenWidths(teacher.Architecture,
            pruning.Where(layer => layer.Removed.Count > 0).ToDictionary(layer => layer.Layer, layer => (long)layer.Kept.Count, StringComparer.Ordinal));
        var student = CreateKeepingGenerator(descriptor);
        try
        {
            using var scope = NewDisposeScope();
            var state = teacher.state_dict().ToDictionary(pair => pair.Key, pair => pair.Value.detach(), StringComparer.Ordinal);
            var device = state.Values.First().device;
            if (device.type != DeviceType.CPU) student.to(device);
            foreach (var bound in layers)
            {
                if (!byLayer.TryGetValue(bound.Name, out var layer) || layer.Removed.Count == 0) continue;
                if (compensate)
                {
                    var normMean = $"{bound.BlockPath}.{bound.Layer.ConsumerNorm}.running_mean";
                    state[normMean] = Compensated(state[normMean], state[$"{bound.BlockPath}.{bound.Layer.Consumer}.weight"], layer);
                }
                using var kept = tensor(layer.Kept.ToArray(), device: device);
                foreach (var module in bound.Layer.Thinned)
                    foreach (var name in ChannelTensors)
                        if (state.TryGetValue($"{bound.BlockPath}.{module}.{name}", out var value))
                            state[$"{bound.BlockPath}.{module}.{name}"] = value.index_select(0, kept);
                var consumer = $"{bound.BlockPath}.{bound.Layer.Consumer}.weight";
                state[consumer] = state[consumer].index_select(1, kept);
            }
            StateDicts.Load(student, state);
            student.train(teacher.training);
            return student;
        }
        catch
        {
            student.Dispose();
            throw;
        }
    }

    /// <summary>running_mean − δ, δ_o = Σ_c m_c Σ_k W[o, c, k], computed in float64.</summary>
    private static Tensor Compensated(Tensor runningMean, Tensor consumerWeight, LayerPruning layer)
    {
        using var removed = tensor(layer.Removed.ToArray(), device: consumerWeight.device);
        using var means = tensor(layer.RemovedMeans.ToArray(), device: consumerWeight.device);
        var tapSums = consumerWeight.to(ScalarType.Float64).index_select(1, removed).sum([2, 3]);
        var shift = tapSums.matmul(means);
        return (runningMean.to(ScalarType.Float64) - shift).to(runningMean.dtype);
    }

    /// <summary>As BlockSurgery: the student's random initial values are overwritten, and must not shift torch's random stream.</summary>
    private static PrunableModel CreateKeepingGenerator(ArchitectureDescriptor descriptor)
    {
        using var rng = random.get_rng_state();
        var student = ModelZoo.Create(descriptor);
        random.set_rng_state(rng);
        return student;
    }
}
