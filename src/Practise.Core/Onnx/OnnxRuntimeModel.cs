using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Practise.Core.Onnx;

/// <summary>
/// An exported model run by ONNX Runtime on the CPU, behind TorchSharp's module interface, so evaluation and the
/// latency meter drive it exactly as they drive a libtorch model. Inputs are copied into ORT and the logits back out,
/// which costs microseconds against milliseconds of forward.
/// </summary>
public sealed class OnnxRuntimeModel : nn.Module<Tensor, Tensor>
{
    private readonly InferenceSession session;
    private readonly RunOptions run = new();

    /// <summary>A session over model bytes, with <paramref name="threads"/> intra-op threads (0: ORT's choice).</summary>
    public OnnxRuntimeModel(byte[] model, int threads = 0) : base(nameof(OnnxRuntimeModel))
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // Like OMP_WAIT_POLICY=PASSIVE for libtorch: spinning workers steal the CPU from whatever else runs, and on a
        // shared 2-core machine that made forwards many times slower. Graph optimisations stay at ORT's default.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        session = new InferenceSession(model, options);
    }

    /// <summary>ONNX Runtime's version, e.g. "1.32.0": latency figures name it, as they name libtorch's.</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var host = input.to(float32, CPU).contiguous();
        using var value = OrtValue.CreateTensorValueFromMemory(host.data<float>().ToArray(), host.shape);
        using var outputs = session.Run(run, [OnnxExport.InputName], [value], [OnnxExport.OutputName]);
        var logits = outputs[0];
        return tensor(logits.GetTensorDataAsSpan<float>().ToArray(), logits.GetTensorTypeAndShape().Shape).MoveToOuterDisposeScope();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            session.Dispose();
            run.Dispose();
        }
        base.Dispose(disposing);
    }
}
