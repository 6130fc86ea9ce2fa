using System.Globalization;
using Practise.Cache;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Manifest;
using TorchSharp;

namespace Practise.Core.Pipeline;

/// <summary>What <see cref="GeneratedSetFiles.Write"/> wrote: the folder, the file names in order, and the kind of set.</summary>
public sealed record GeneratedSetOutput(string Directory, IReadOnlyList<string> Files, string Source);

/// <summary>
/// `practise synthesize`: a data-free set (data.train.synthetic, or the noise baseline) as PNG files 000.png, 001.png, …
/// in image order, so it can be looked at and reused as an ordinary image folder (data.train: ["DIR/*.png"] gives the
/// same pixels back). A synthetic set comes from the cache when a compress already made it, and goes into it otherwise.
/// </summary>
public static class GeneratedSetFiles
{
    public static GeneratedSetOutput Write(Manifest.Manifest manifest, string directory, IProgressSink progress, string? cacheDirectory = null,
        CancellationToken cancellation = default)
    {
        using var images = Generate(manifest, progress, cacheDirectory, cancellation);
        var count = (int)images.Pixels.size(0);
        var digits = Math.Max(3, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        Directory.CreateDirectory(directory);
        var files = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var name = i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0') + ".png";
            using (var image = images.Pixels.select(0, i)) AtomicFile.WriteAllBytes(Path.Combine(directory, name), PngEncoder.Encode(image));
            files.Add(name);
        }
        return new GeneratedSetOutput(directory, files, CompressionReports.SourceName(manifest.Data.Train));
    }

    private static GeneratedImages Generate(Manifest.Manifest manifest, IProgressSink progress, string? cacheDirectory, CancellationToken cancellation)
    {
        switch (manifest.Data.Train)
        {
            case NoiseSource noise:
                return new GeneratedImages(TinySetLoader.Noise(noise, manifest.Model.Input), null);
            case SyntheticSource synthetic:
                var device = ComputeDevices.Resolve(manifest.Device, "device");
                using (var teacher = TeacherLoader.Load(manifest.Model))
                {
                    var hash = ModelHash.Compute(teacher);
                    teacher.to(device);
                    var cache = RunCache.Open(cacheDirectory ?? manifest.Cache.Dir, progress);
                    return new SyntheticSets(manifest.Model, teacher, hash, device, cache, progress).Load(synthetic, cancellation);
                }
            default:
                throw new PractiseException(PipelineErrors.BadData,
                    $"data.train is {CompressionReports.SourceName(manifest.Data.Train)}, not a data-free set: nothing to synthesise; " +
                    "set data.train to synthetic: {} (or noise: {}) to write one");
        }
    }
}
