using System.Globalization;
using Practise.Manifest;
using Practise.Manifest.Data;
using static TorchSharp.torch;

namespace Practise.Core.Data;

/// <summary>
/// The manifest's labelled evaluation set (data.eval): a folder whose subfolders are named by integer class index, or
/// an IDX pair. Folder images are decoded batch by batch, so an ImageNet-sized set never sits in memory at once.
/// </summary>
public sealed class EvalSet : IDisposable
{
    private readonly IReadOnlyList<string>? files;
    private readonly ImageSet? images;
    private readonly int channels;

    private EvalSet(string source, IReadOnlyList<long> labels, int channels, IReadOnlyList<string>? files, ImageSet? images) =>
        (Source, Labels, this.channels, this.files, this.images) = (source, labels, channels, files, images);

    /// <summary>Where the images come from, for messages.</summary>
    public string Source { get; }

    public IReadOnlyList<long> Labels { get; }

    public int Count => Labels.Count;

    public static EvalSet Open(EvalSettings settings, int channels, int numClasses)
    {
        var set = settings.Folder is { } folder ? FromFolder(folder, channels, settings.Limit)
            : settings.Idx is { } idx ? FromIdx(idx, channels, settings.Limit)
            : throw new DataException("data.eval names neither a folder nor an IDX pair");
        if (set.Labels.FirstOrDefault(label => label >= numClasses, -1) is var outside and >= 0)
        {
            set.Dispose();
            throw new DataException($"{set.Source}: class {outside} is outside the model's {numClasses} classes (model.num-classes)");
        }
        return set;
    }

    /// <summary>Images <paramref name="start"/>…+<paramref name="count"/> under the measurement transform, N×C×H×W; the caller owns it.</summary>
    public Tensor Batch(int start, int count, EvalTransform transform)
    {
        using var scope = NewDisposeScope();
        if (images is not null)
        {
            return stack(images.Images.Skip(start).Take(count).Select(transform.Apply).ToList()).MoveToOuterDisposeScope();
        }
        using var decoded = ImageSet.FromFiles(files!.Skip(start).Take(count).ToList(), channels);
        return stack(decoded.Images.Select(transform.Apply).ToList()).MoveToOuterDisposeScope();
    }

    public void Dispose() => images?.Dispose();

    /// <summary>
    /// What a cached evaluation depends on (the finetune cache key): the bytes of every file the set reads, streamed,
    /// with each folder image's label, so replacing a file in place or renaming a class folder changes it and moving
    /// the set to another path does not. Missing files fail as <see cref="Open"/> does.
    /// </summary>
    public static string ContentHash(EvalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Folder is { } folder)
        {
            var chosen = FolderContents(folder, settings.Limit);
            return "folder:" + DataHash.OfLabelledFiles(chosen);
        }
        if (settings.Idx is { Labels: { } labels } idx)
        {
            foreach (var path in new[] { idx.Images, labels })
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"{path}: eval IDX file not found (data.eval.idx)", path);
            }
            return "idx:" + DataHash.OfFiles([idx.Images, labels]);
        }
        throw new DataException(settings.Idx is null ? "data.eval names neither a folder nor an IDX pair" : $"data.eval.idx needs a labels file to score {settings.Idx.Images}");
    }

    /// <summary>
    /// Files are taken round-robin over the classes (each class's files in name order), so data.eval.limit keeps the
    /// classes balanced instead of keeping only the first ones.
    /// </summary>
    private static EvalSet FromFolder(string folder, int channels, int? limit)
    {
        var chosen = FolderContents(folder, limit);
        return new EvalSet(folder, chosen.Select(item => item.Label).ToList(), channels, chosen.Select(item => item.File).ToList(), null);
    }

    /// <summary>The files a class-folder eval set reads, with their labels, in the order it reads them.</summary>
    private static List<(string File, long Label)> FolderContents(string folder, int? limit)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{folder}: eval folder not found (data.eval.folder)");
        }
        var classes = new SortedDictionary<long, List<string>>();
        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(directory);
            if (!long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var label))
            {
                throw new DataException($"{directory}: eval subfolders must be named by integer class index (eval/0, eval/1, …), not '{name}'");
            }
            classes[label] = Directory.EnumerateFiles(directory)
                .Where(file => DataSelection.ImageExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        var ordered = new List<(string File, long Label)>();
        for (var rank = 0; classes.Values.Any(list => rank < list.Count); rank++)
        {
            ordered.AddRange(classes.Where(pair => rank < pair.Value.Count).Select(pair => (pair.Value[rank], pair.Key)));
        }
        return ordered.Take(limit ?? int.MaxValue).ToList();
    }

    private static EvalSet FromIdx(IdxSource idx, int channels, int? limit)
    {
        if (idx.Labels is null)
        {
            throw new DataException($"data.eval.idx needs a labels file to score {idx.Images}");
        }
        foreach (var path in new[] { idx.Images, idx.Labels })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: eval IDX file not found (data.eval.idx)", path);
            }
        }
        var set = ImageSet.FromIdx(idx.Images, idx.Labels);
        if (set.Count > 0 && set.Channels != channels)
        {
            var found = set.Channels;
            set.Dispose();
            throw new DataException($"{idx.Images}: images have {found} channel(s) but model.input.channels is {channels}");
        }
        var labels = set.Labels!.Take(limit ?? int.MaxValue).ToList();
        return new EvalSet(idx.Images, labels, channels, null, set);
    }
}
