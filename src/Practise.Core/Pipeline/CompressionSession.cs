using Practise.Cache;
using Practise.Contract;
using Practise.Core.Data;
using Practise.Core.Latency;
using Practise.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>
/// Everything a run shares, loaded once from the manifest: the teacher and its hash, the tiny set and its hash, the
/// batches, the score cache and the latency estimator.
/// </summary>
public sealed class CompressionSession : IDisposable
{
    /// <summary>
    /// What computed a cached score or model besides our code: another libtorch rounds differently, so its entries
    /// are not reused (the 0.1.0 bridge over Debian's libtorch 1.13.1 wrote bare "0.1.0").
    /// </summary>
    public static string EngineVersion { get; } = $"{PractiseTool.Version}; TorchSharp {typeof(torch).Assembly.GetName().Version}; libtorch {__version__}";

    private CompressionSession(Manifest.Manifest manifest, string cacheDirectory, IProgressSink progress, string? profileOutput)
    {
        Manifest = manifest;
        Progress = progress;
        Device = ComputeDevices.Resolve(manifest.Device, "device");
        var latencyDevice = ComputeDevices.Resolve(manifest.Latency.Device, "latency.device");
        set_num_threads(manifest.Latency.Threads);
        manual_seed(manifest.Data.Seed);
        try
        {
            Teacher = TeacherLoader.Load(manifest.Model);
            TeacherHash = ModelHash.Compute(Teacher);
            Teacher.to(Device);
            // Latency is the budget's target device's, which may differ from where scoring trains (a GPU).
            LatencyTeacher = latencyDevice.type == Device.type ? Teacher : TeacherLoader.Load(manifest.Model).to(latencyDevice);
            Train = TinySetLoader.LoadTrain(manifest);
            DataHash = Train.ContentHash();
            var input = manifest.Model.Input;
            var normalization = new Normalization(input.Mean, input.Std);
            Batches = new TinyBatches(Train, new EvalTransform(input.Size, normalization),
                manifest.Data.Augment ? new TrainTransform(input.Size, normalization) : null,
                manifest.Recoverability.BatchSize, manifest.Data.Seed, Device);
            Cache = new CacheStore(cacheDirectory, problem => progress.Log($"warning {problem.Code}: {problem.Message} ({problem.Path})"));
            Runner = new CacheRunner(Cache);
            LatencySettings = MeasurementSettings.From(manifest.Latency, input, manifest.Data.Seed);
            Latency = profileOutput is null ? CreateEstimator() : FreshProfile(profileOutput);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public Manifest.Manifest Manifest { get; }
    public IProgressSink Progress { get; }
    /// <summary>Where scoring and finetuning run (the manifest's device).</summary>
    public Device Device { get; }

    public PrunableModel Teacher { get; }

    /// <summary>The teacher on latency.device, which every latency figure is measured on: the teacher itself when the devices agree.</summary>
    public PrunableModel LatencyTeacher { get; }
    public string TeacherHash { get; }
    public ImageSet Train { get; }
    public string DataHash { get; }
    public TinyBatches Batches { get; }
    public CacheStore Cache { get; }
    public CacheRunner Runner { get; }
    public MeasurementSettings LatencySettings { get; }
    public LatencyEstimator Latency { get; }

    /// <param name="profileOutput">Measure into a new profile at this path instead of the cache (practise latency).</param>
    public static CompressionSession Open(Manifest.Manifest manifest, IProgressSink progress, string? cacheDirectory = null, string? profileOutput = null) =>
        new(manifest, cacheDirectory ?? manifest.Cache.Dir, progress, profileOutput);

    private LatencyEstimator FreshProfile(string path) =>
        new(LatencyProfile.Create(path, Teacher.Architecture, DeviceFingerprint.Current(LatencySettings.Threads, LatencyTeacher.DeviceOf()), LatencySettings), LatencyProfileMode.Extend);

    /// <summary>
    /// A pinned profile (latency.profile) is read-only, so CI on other hardware reproduces the selection; otherwise
    /// measurements live in the cache as a profile per machine and setting, extended as new variants are asked for.
    /// </summary>
    private LatencyEstimator CreateEstimator()
    {
        if (Manifest.Latency.Profile is { } pinned)
        {
            try
            {
                return new LatencyEstimator(LatencyProfile.Load(pinned), LatencyProfileMode.Read);
            }
            catch (LatencyProfileException e)
            {
                throw new PractiseException(PipelineErrors.LatencyProfile, $"latency.profile: {e.Message}", e);
            }
        }
        var fingerprint = DeviceFingerprint.Current(LatencySettings.Threads, LatencyTeacher.DeviceOf());
        var key = LatencyKind.Key(Manifest.Model.Arch, Teacher.Architecture.DroppedBlocks,
            [LatencySettings.Channels, LatencySettings.Height, LatencySettings.Width], Manifest.Latency, fingerprint.Id);
        // Other processes sharing the cache extend the same entry: the runner extends it under the cache's lock.
        var cached = new CachedLatencyProfile(Runner, key);
        var profile = cached.TryLoad(Progress.Log) ?? LatencyProfile.Create(cached.Path, Teacher.Architecture, fingerprint, LatencySettings);
        return new LatencyEstimator(profile, LatencyProfileMode.Extend, cached);
    }

    /// <summary>Also what a failed constructor calls, so members not yet loaded may be null.</summary>
    public void Dispose()
    {
        Batches?.Dispose();
        Train?.Dispose();
        if (!ReferenceEquals(LatencyTeacher, Teacher)) LatencyTeacher?.Dispose();
        Teacher?.Dispose();
    }
}
