using Microsoft.Extensions.FileSystemGlobbing;

namespace Practise.Manifest.Data;

/// <summary>The training images chosen for a run.</summary>
public sealed record SelectedImages(IReadOnlyList<string> Files, int Available);

/// <summary>Expands data.train globs and picks data.count images by data.seed; no libtorch, so MSBuild can call it.</summary>
public static class DataSelection
{
    /// <summary>Only these are images the tool can decode; other files matched by a pattern (READMEs, labels) are skipped.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".jpg", ".jpeg", ".png"];

    public static bool IsImage(string path) => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Every image the patterns match, as absolute paths, sorted ordinally by their '/'-separated path.</summary>
    public static IReadOnlyList<string> Expand(GlobSource source)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in source.Patterns)
        {
            var (root, relative) = SplitRoot(pattern, source.BaseDirectory);
            if (!Directory.Exists(root))
            {
                continue;
            }
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(relative);
            foreach (var file in matcher.GetResultsInFullPath(root))
            {
                if (IsImage(file))
                {
                    files.Add(Path.GetFullPath(file).Replace('\\', '/'));
                }
            }
        }
        return files.ToList();
    }

    /// <summary>Picks <paramref name="count"/> images with <see cref="SeededSampler"/>; fails when fewer exist.</summary>
    public static SelectedImages Select(GlobSource source, int count, int seed)
    {
        var available = Expand(source);
        var where = source.Location ?? new ManifestLocation("", 0, 0);
        var patterns = string.Join(", ", source.Patterns);
        if (available.Count == 0)
        {
            throw new ManifestException(new ManifestError(ErrorCodes.NoMatchingImages, where.File, where.Line, where.Column, "data.train",
                $"no {string.Join("/", ImageExtensions)} files match {patterns} under {source.BaseDirectory}",
                "patterns are relative to the manifest's folder; e.g. images/**/*.jpg"));
        }
        if (available.Count < count)
        {
            throw new ManifestException(new ManifestError(ErrorCodes.TooFewImages, where.File, where.Line, where.Column, "data.train",
                $"{patterns} matched {available.Count} images, but data.count asks for {count}",
                $"add images, widen the patterns, or set data.count to at most {available.Count}"));
        }
        var chosen = SeededSampler.Choose(available.Count, count, seed).Select(index => available[index]).ToList();
        return new SelectedImages(chosen, available.Count);
    }

    /// <summary>Matcher works on a root folder and relative patterns; a pattern is made absolute and split at its last wildcard-free folder.</summary>
    private static (string Root, string Pattern) SplitRoot(string pattern, string baseDirectory)
    {
        var normalized = pattern.Replace('\\', '/');
        if (!Path.IsPathRooted(normalized))
        {
            normalized = baseDirectory.Replace('\\', '/').TrimEnd('/') + "/" + normalized;
        }
        var segments = normalized.Split('/');
        var fixedCount = segments.TakeWhile(segment => segment.IndexOfAny(['*', '?', '[', '{']) < 0).Count();
        fixedCount = Math.Min(fixedCount, segments.Length - 1);
        var root = string.Join('/', segments[..fixedCount]);
        // GetFullPath folds "..", so "../data/*.png" works even when the manifest's own folder has no data.
        return (Path.GetFullPath(root.Length == 0 ? "/" : root), string.Join('/', segments[fixedCount..]));
    }
}
