using System.CommandLine;
using Practise.Cli.Loading;
using Practise.Cli.Output;
using Practise.Contract;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Onnx;
using Practise.Core.Pipeline;
using Practise.Manifest;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Cli.Commands;

/// <summary>
/// <c>practise eval [manifest] [--model DIR] [--runtime libtorch|onnxruntime]</c>: top-1/top-5 in percent on the
/// manifest's data.eval set under its measurement transform; without --model, of the manifest's original model. With
/// --runtime onnxruntime the forwards run in ONNX Runtime: DIR's model.onnx, or the original model exported in memory.
/// </summary>
internal static class EvalCommand
{
    public sealed record Result(double Top1, double Top5, long Images);

    public static Command Create(CliOptions options)
    {
        var manifest = CliOptions.ManifestArgument();
        var model = new Option<string?>("--model") { Description = "A compressed model folder (model.json + model.safetensors); default: the manifest's model" };
        var runtime = new Option<LatencyRuntime>("--runtime")
        {
            Description = "Where the forwards run: libtorch (default) or onnxruntime (the model.onnx that compress wrote)",
            DefaultValueFactory = _ => LatencyRuntime.Libtorch,
        };
        var command = new Command("eval", "Top-1/top-5 accuracy (percent) on the manifest's labelled eval set") { manifest, model, runtime };
        options.SetAction(command, (context, parse) => Run(context, parse.GetValue(manifest)!, parse.GetValue(model), parse.GetValue(runtime)));
        return command;
    }

    public static ExitCodes Run(CommandContext context, string manifestPath, string? modelDirectory, LatencyRuntime runtime = LatencyRuntime.Libtorch)
    {
        var manifest = ManifestFiles.Load(context, manifestPath);
        var eval = manifest.Data.Eval ?? throw new CliException(CliErrors.NoEvalSet, ExitCodes.InputError,
            $"{manifest.SourcePath}: data.eval is not set; add a labelled folder or IDX pair to evaluate on");
        var input = manifest.Model.Input;
        using var model = modelDirectory is null ? ModelLoading.LoadOriginal(manifest.Model) : ModelLoading.LoadPruned(context.Resolve(modelDirectory));
        if (model.Architecture.InChannels != input.Channels)
        {
            throw new CliException(CliErrors.UnreadableInput, ExitCodes.InputError,
                $"the model takes {model.Architecture.InChannels} input channel(s) but model.input.channels is {input.Channels}");
        }
        using var onnx = runtime == LatencyRuntime.Onnxruntime ? OnnxModel(context, model, modelDirectory, input) : null;
        if (onnx is null) model.to(ComputeDevices.Resolve(manifest.Device, "device"));
        using var set = EvalSet.Open(eval, input.Channels, (int)model.Architecture.NumClasses);
        var transform = new EvalTransform(input.Size, new Normalization(input.Mean, input.Std));
        var accuracy = context.WithProgress(progress => BatchedEvaluation.Run(onnx ?? (nn.Module<Tensor, Tensor>)model, set, transform, progress, context.Cancellation));
        // Rounded so that 9993 of 10000 prints as 99.93, not 99.92999999999999 (every count up to 10⁶ stays exact).
        var result = new Result(Math.Round(accuracy.Top1 * 100, 6), Math.Round(accuracy.Top5 * 100, 6), accuracy.Count);
        if (context.Json)
        {
            context.WriteJson(result);
        }
        else
        {
            var which = (modelDirectory is null ? $"{manifest.Model.Arch} ({manifest.Model.Weights})" : context.Resolve(modelDirectory))
                + (onnx is null ? "" : " in onnxruntime");
            context.Out.WriteLine($"{which} on {set.Source}: top-1 {Units.Percent(accuracy.Top1)}, top-5 {Units.Percent(accuracy.Top5)} ({accuracy.Count} images)");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The folder's model.onnx in ONNX Runtime, or the original model exported in memory.</summary>
    private static OnnxRuntimeModel OnnxModel(CommandContext context, PrunableModel model, string? modelDirectory, InputSettings input)
    {
        if (modelDirectory is null) return new OnnxRuntimeModel(OnnxExport.ToBytes(model, input.Size.Height, input.Size.Width));
        var path = Path.Combine(context.Resolve(modelDirectory), ArtifactNames.Onnx);
        if (!File.Exists(path))
        {
            throw new CliException(CliErrors.FileNotFound, ExitCodes.InputError,
                $"ONNX model not found: {path}; compress writes it beside model.safetensors, so re-run compress with this version of the tool");
        }
        return new OnnxRuntimeModel(File.ReadAllBytes(path));
    }
}
