using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Manifest;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// What a run reads from the manifest before any step: the teacher (on the compute device, and on the latency device
/// when that differs), the tiny set and its batches, and the content hashes cache keys are made of.
/// </summary>
public sealed class CompressionInputs : IDisposable
{
    private CompressionInputs(Manifest.Manifest manifest, IProgressSink progress, string cacheDirectory, CancellationToken cancellation)
    {
        Device = ComputeDevices.Resolve(manifest.Device, "device");
        var latencyDevice = ComputeDevices.Resolve(manifest.Latency.Device, "latency.device");
        try
        {
            Teacher = TeacherLoader.Load(manifest.Model);
            TeacherHash = ModelHash.Compute(Teacher);
            Teacher.to(Device);
            LatencyTeacher = latencyDevice.type == Device.type ? Teacher : TeacherLoader.Load(manifest.Model).to(latencyDevice);
            var synthesis = manifest.Data.Train is SyntheticSource
                ? new SyntheticSets(manifest.Model, Teacher, TeacherHash, Device, RunCache.Open(cacheDirectory, progress), progress)
                : null;
            Train = TinySetLoader.LoadTrain(manifest, synthesis, cancellation);
            DataHash = Train.ContentHash();
            var input = manifest.Model.Input;
            var normalization = new Normalization(input.Mean, input.Std);
            Batches = new TinyBatches(Train, new EvalTransform(input.Size, normalization),
                manifest.Data.Augment ? new TrainTransform(input.Size, normalization) : null,
                manifest.Recoverability.BatchSize, manifest.Data.Seed, Device);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Where scoring, finetuning and evaluation run (the manifest's device).</summary>
    public Device Device { get; }

    public PrunableModel Teacher { get; }

    /// <summary>The teacher on latency.device, which every latency figure is measured on: the teacher itself when the devices agree.</summary>
    public PrunableModel LatencyTeacher { get; }

    public string TeacherHash { get; }

    public ImageSet Train { get; }

    public string DataHash { get; }

    /// <summary>The tiny set under the manifest's transforms, in recoverability.batch-size batches.</summary>
    public TinyBatches Batches { get; }

    /// <summary>
    /// Loads everything or nothing: what was loaded before a failure is released. A synthetic data.train is read from
    /// (or synthesised into) the cache at <paramref name="cacheDirectory"/>, the manifest's cache.dir by default.
    /// </summary>
    public static CompressionInputs Load(Manifest.Manifest manifest, IProgressSink? progress = null, string? cacheDirectory = null,
        CancellationToken cancellation = default) =>
        new(manifest, progress ?? SilentProgress.Instance, cacheDirectory ?? manifest.Cache.Dir, cancellation);

    /// <summary>Also what a failed load calls, so members not yet loaded may be null.</summary>
    public void Dispose()
    {
        Batches?.Dispose();
        Train?.Dispose();
        if (!ReferenceEquals(LatencyTeacher, Teacher)) LatencyTeacher?.Dispose();
        Teacher?.Dispose();
    }
}
