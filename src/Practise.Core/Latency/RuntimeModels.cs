using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Manifest;
using static TorchSharp.torch;

namespace Practise.Core.Latency;

/// <summary>
/// Models as the latency runtime runs them (latency.runtime, docs/onnx.md): the libtorch modules themselves, or each
/// exported in memory and loaded into an ONNX Runtime session with the pinned thread count. Disposing releases the
/// sessions, never the models it was given.
/// </summary>
public sealed class RuntimeModels : IDisposable
{
    private readonly List<OnnxRuntimeModel> sessions = [];

    private RuntimeModels(IReadOnlyList<PrunableModel> models, MeasurementSettings settings)
    {
        if (settings.Runtime == LatencyRuntime.Libtorch)
        {
            Models = models;
            return;
        }
        try
        {
            foreach (var model in models) sessions.Add(new OnnxRuntimeModel(OnnxExport.ToBytes(model, settings.Height, settings.Width), settings.Threads));
        }
        catch
        {
            Dispose();
            throw;
        }
        Models = sessions;
    }

    public IReadOnlyList<nn.Module<Tensor, Tensor>> Models { get; }

    public static RuntimeModels For(IReadOnlyList<PrunableModel> models, MeasurementSettings settings) => new(models, settings);

    public void Dispose()
    {
        foreach (var session in sessions) session.Dispose();
        sessions.Clear();
    }
}
