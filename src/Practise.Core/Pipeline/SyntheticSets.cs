using System.Diagnostics;
using Practise.Cache;
using Practise.Core.Progress;
using Practise.Core.Serialization;
using Practise.Core.Synthesis;
using Practise.Manifest;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>A generated training set: uint8 N×C×H×W pixels on the CPU, and for a synthesised one the class each image aims at.</summary>
public sealed record GeneratedImages(Tensor Pixels, IReadOnlyList<long>? Targets) : IDisposable
{
    public void Dispose() => Pixels.Dispose();
}

/// <summary>
/// data.train.synthetic through the cache runner, one entry per batch (<see cref="SynthesisKind"/>): batches already
/// stored are read, the others synthesised and stored as each finishes, so a rebuild synthesises nothing and an
/// interrupted synthesis resumes at the batch it was in. Progress is one phase over every step still to run, its
/// detail the batch and an ETA.
/// </summary>
public sealed class SyntheticSets(ModelSettings model, nn.Module<Tensor, Tensor> teacher, string teacherHash, Device device, CacheRunner cache, IProgressSink progress)
{
    /// <summary>The stored value: the batch's size, and its final loss (null if it was not finite) for whoever lists the cache.</summary>
    private sealed record BatchEntry(int Images, double? Loss);

    public GeneratedImages Load(SyntheticSource source, CancellationToken cancellation = default)
    {
        var plan = new SynthesisPlan(source.Count, source.BatchSize, model.NumClasses);
        var keys = Enumerable.Range(0, plan.Batches)
            .Select(batch => SynthesisKind.Key(teacherHash, model.Input, model.NumClasses, source, batch, plan.Batches, EngineIdentity.Version)).ToList();
        var missing = keys.Count(key => !cache.Store.TryGet<BatchEntry>(key, out _));
        if (missing == 0)
        {
            progress.Log($"synthetic set found in the cache ({source.Count} images): nothing to synthesise");
        }
        else
        {
            CheckBatchNorm();
            progress.Log($"synthesising {source.Count} images from the teacher: {plan.Batches - missing} of {plan.Batches} batches cached, {missing} to go ({source.Steps} steps each)");
        }
        var pixels = new Tensor?[plan.Batches];
        try
        {
            using var phase = missing == 0 ? null : progress.Begin("synthesis", missing * source.Steps);
            var eta = new EtaClock(missing * source.Steps);
            DeepInversion? inversion = null;
            try
            {
                for (var batch = 0; batch < plan.Batches; batch++)
                {
                    var index = batch;
                    cache.GetOrCompute(keys[index], () =>
                    {
                        inversion ??= new DeepInversion(teacher, source, model.Input, device);
                        var result = inversion.Run(index, plan.Targets(index), _ =>
                        {
                            eta.Step();
                            phase?.Advance(detail: $"batch {index + 1}/{plan.Batches}, {eta}");
                        }, cancellation);
                        pixels[index] = result.Pixels;
                        return new Computed<BatchEntry>(new BatchEntry(plan.Batch(index).Length, double.IsFinite(result.Loss) ? result.Loss : null),
                            [new CacheBlob(SynthesisKind.ImagesBlob, stream => Safetensors.WriteTo(stream, new Dictionary<string, Tensor> { ["images"] = result.Pixels }))]);
                    }, (_, blobs) => TryRead(blobs, plan.Batch(index).Length, out pixels[index]));
                }
            }
            finally
            {
                inversion?.Dispose();
            }
            var targets = Enumerable.Range(0, plan.Batches).SelectMany(plan.Targets).ToList();
            return new GeneratedImages(cat(pixels.Select(batch => batch!).ToList(), 0), targets);
        }
        finally
        {
            foreach (var batch in pixels) batch?.Dispose();
        }
    }

    private void CheckBatchNorm()
    {
        if (BatchNormStatisticsLoss.LayersOf(teacher) > 0) return;
        throw new PractiseException(PipelineErrors.NoBatchNorm,
            $"data.train.synthetic: {model.Arch} ({model.Weights}) has no BatchNorm layer, and synthesis matches the statistics BatchNorm layers store; " +
            "use real images (data.train as globs, idx or safetensors) or the noise baseline (data.train.noise)");
    }

    /// <summary>A stored batch's pixels, or false (the batch is synthesised again) when the blob does not hold what its key promises.</summary>
    private bool TryRead(CacheBlobs blobs, int images, out Tensor? pixels)
    {
        pixels = null;
        if (!blobs.TryGetPath(SynthesisKind.ImagesBlob, out var path)) return false;
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = Safetensors.Load(path);
        }
        catch (SafetensorsException e)
        {
            progress.Log($"warning: cached synthetic batch {path} is unreadable ({e.Message}); synthesising it again");
            return false;
        }
        var input = model.Input;
        long[] expected = [images, input.Channels, input.Size.Height, input.Size.Width];
        if (tensors.Remove("images", out var stored) && stored.dtype == uint8 && stored.shape.SequenceEqual(expected)) pixels = stored;
        else stored?.Dispose();
        foreach (var other in tensors.Values) other.Dispose();
        return pixels is not null;
    }

    /// <summary>Time left at the pace so far; the first steps of a batch are timed like the rest.</summary>
    private sealed class EtaClock(int total)
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private int done;

        public void Step() => done++;

        public override string ToString()
        {
            if (done == 0) return "ETA unknown";
            var left = TimeSpan.FromSeconds(watch.Elapsed.TotalSeconds / done * (total - done));
            return left.TotalHours >= 1 ? $"ETA {(int)left.TotalHours}h{left.Minutes:00}m" : $"ETA {left.Minutes}m{left.Seconds:00}s";
        }
    }
}
