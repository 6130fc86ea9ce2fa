using System.Globalization;
using Practise.Cache;
using Practise.Core.Models;

namespace Practise.Core.Latency;

/// <summary>
/// Pinned latency figures (the manifest's latency.profile): one machine's paired measurements of an architecture's
/// variants against the model as given, keyed by the sorted set of dropped blocks. With a profile the pipeline reads
/// these figures instead of measuring, so runs on other hardware (CI) reproduce the same selection. Files are written
/// atomically as deterministic JSON (sorted keys, invariant numbers): loading and saving gives identical bytes.
/// </summary>
public sealed class LatencyProfile
{
    public const string FormatTag = "practise-latency-profile/v2";
    public const string ExtendHint = "re-run `practise latency` to extend the profile";

    private readonly SortedDictionary<string, PairedLatency> variants = new(StringComparer.Ordinal);

    public LatencyProfile(string path, string arch, long numClasses, DeviceFingerprint fingerprint, int batch, int channels, int height, int width, int threads)
    {
        Path = path;
        Arch = arch;
        NumClasses = numClasses;
        Fingerprint = fingerprint;
        Batch = batch;
        Channels = channels;
        Height = height;
        Width = width;
        Threads = threads;
    }

    /// <summary>The file this profile was loaded from or is saved to; error messages name it.</summary>
    public string Path { get; }

    public string Arch { get; }

    public long NumClasses { get; }

    public DeviceFingerprint Fingerprint { get; }

    public int Batch { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Threads { get; }

    /// <summary>Measurements by key (see <see cref="Key"/>), in ordinal key order.</summary>
    public IReadOnlyDictionary<string, PairedLatency> Variants => variants;

    /// <summary>An empty profile for a model measured with these settings on this fingerprint.</summary>
    public static LatencyProfile Create(string path, ArchitectureDescriptor model, DeviceFingerprint fingerprint, MeasurementSettings settings) =>
        new(path, model.Arch, model.NumClasses, fingerprint, settings.Batch, settings.Channels, settings.Height, settings.Width, settings.Threads);

    /// <summary>The key of a dropped-block set: original block names, sorted ordinally, comma-separated; "" when none.</summary>
    public static string Key(IEnumerable<string> droppedBlocks) =>
        string.Join(",", droppedBlocks.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    public bool TryLookup(IEnumerable<string> droppedBlocks, out PairedLatency measurement) =>
        variants.TryGetValue(Key(droppedBlocks), out measurement!);

    /// <summary>The measurement of a variant; a missing one is an error naming the file, the set and the fix.</summary>
    public PairedLatency Lookup(IEnumerable<string> droppedBlocks)
    {
        var key = Key(droppedBlocks);
        if (variants.TryGetValue(key, out var measurement)) return measurement;
        var set = key.Length == 0 ? "no blocks dropped (the original model)" : $"dropped blocks {{{key.Replace(",", ", ", StringComparison.Ordinal)}}}";
        throw new LatencyProfileException(
            $"latency profile '{Path}' has no measurement for {Arch} with {set} (key \"{key}\"); {ExtendHint}");
    }

    public void Set(IEnumerable<string> droppedBlocks, PairedLatency measurement) => variants[Key(droppedBlocks)] = measurement;

    /// <summary>
    /// Fails unless the profile's figures answer this request: same architecture, classes, input, batch and threads.
    /// The fingerprint may differ when reading (that is what pinning is for) but not when extending, since figures
    /// from two machines must not be mixed in one profile.
    /// </summary>
    public void CheckCompatible(ArchitectureDescriptor model, MeasurementSettings settings, DeviceFingerprint? extendingOn = null)
    {
        var mismatches = new List<string>();
        void Compare<T>(string name, T profile, T requested)
        {
            if (!EqualityComparer<T>.Default.Equals(profile, requested)) mismatches.Add($"{name} {profile} (requested {requested})");
        }
        Compare("arch", Arch, model.Arch);
        Compare("num_classes", NumClasses, model.NumClasses);
        Compare("input", $"{Channels}x{Height}x{Width}", $"{settings.Channels}x{settings.Height}x{settings.Width}");
        Compare("batch", Batch, settings.Batch);
        Compare("threads", Threads, settings.Threads);
        Compare("runtime", Fingerprint.Runtime.ToString().ToLowerInvariant(), settings.Runtime.ToString().ToLowerInvariant());
        if (extendingOn is not null) Compare("fingerprint", Fingerprint.Description, extendingOn.Description);
        if (mismatches.Count > 0)
            throw new LatencyProfileException(
                $"latency profile '{Path}' was measured with {string.Join(", ", mismatches)}; " +
                (extendingOn is null ? "re-run `practise latency` with these settings to write a matching profile" : "measure into a new profile file on this machine"));
    }

    public static LatencyProfile Load(string path) => LatencyProfileJson.Read(path);

    /// <summary>
    /// Adds the entries that the file at <see cref="Path"/> holds and this profile lacks: what another process sharing
    /// the file saved since this one was loaded (see <see cref="MergeFrom"/>); a missing or unreadable file adds nothing.
    /// </summary>
    public void MergeSaved()
    {
        if (!File.Exists(Path)) return;
        try
        {
            MergeFrom(Load(Path));
        }
        catch (LatencyProfileException)
        {
            // Damaged or of another format: our figures stand, and our save replaces the file.
        }
    }

    /// <summary>
    /// Adds the entries <paramref name="saved"/> holds and this profile lacks. Our own entries win (decisions may already
    /// rest on them); a profile measured differently (another machine or setting) adds nothing. Call under the lock
    /// that guards where the profile is kept.
    /// </summary>
    public void MergeFrom(LatencyProfile saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if ((saved.Arch, saved.NumClasses, saved.Fingerprint, saved.Batch, saved.Channels, saved.Height, saved.Width, saved.Threads)
            != (Arch, NumClasses, Fingerprint, Batch, Channels, Height, Width, Threads)) return;
        foreach (var (key, measurement) in saved.variants) variants.TryAdd(key, measurement);
    }

    /// <summary>Writes deterministic JSON atomically (AtomicFile) to <see cref="Path"/> (or the given path).</summary>
    public void Save(string? path = null) => AtomicFile.WriteAllBytes(path ?? Path, LatencyProfileJson.Write(this));

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Arch} {Batch}x{Channels}x{Height}x{Width}, {Threads} threads, {variants.Count} variants on {Fingerprint.Description}");
}
