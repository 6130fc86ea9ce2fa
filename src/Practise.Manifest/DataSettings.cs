namespace Practise.Manifest;

public sealed record DataSettings(TrainSource Train, int Count, int Seed, bool Augment, EvalSettings? Eval);

/// <summary>
/// Where the tiny training set comes from: images (<see cref="GlobSource"/>, <see cref="IdxSource"/>,
/// <see cref="SafetensorsSource"/>) or none at all (<see cref="SyntheticSource"/>, and its baseline <see cref="NoiseSource"/>).
/// </summary>
public abstract record TrainSource;

/// <summary>Image files (.jpg/.jpeg/.png) matched by glob patterns relative to <paramref name="BaseDirectory"/>.</summary>
public sealed record GlobSource(IReadOnlyList<string> Patterns, string BaseDirectory) : TrainSource
{
    /// <summary>Where data.train was written, so selection errors can point at it.</summary>
    public ManifestLocation? Location { get; init; }
}

/// <summary>An IDX (MNIST-format) image file with an optional label file.</summary>
public sealed record IdxSource(string Images, string? Labels) : TrainSource;

/// <summary>An N×C×H×W (or N×H×W×C uint8) tensor stored under <paramref name="Key"/> in a safetensors file.</summary>
public sealed record SafetensorsSource(string Path, string Key) : TrainSource;

/// <summary>
/// No images: the set is synthesised from the teacher alone by DeepInversion (docs/data-free.md). Inputs start as noise
/// and are optimised so the teacher's BatchNorm layers see their stored statistics and its classifier sees classes
/// spread evenly over model.num-classes; the result is turned into uint8 pixels like any image.
/// </summary>
/// <param name="Count">Images synthesised; data.count and this default to each other (100 when neither is set).</param>
/// <param name="Jitter">Random shift per step as a fraction of the input side.</param>
public sealed record SyntheticSource(int Count, int Steps, int Seed, double Lr, int BatchSize, double BnWeight, double TvWeight, double L2Weight, double Jitter)
    : TrainSource;

/// <summary>The honest baseline for <see cref="SyntheticSource"/>: Gaussian noise in normalised space, as pixels.</summary>
public sealed record NoiseSource(int Count, int Seed) : TrainSource;

/// <summary>Optional labelled evaluation data: exactly one of a class-folder tree or an IDX pair.</summary>
public sealed record EvalSettings(string? Folder, IdxSource? Idx, int? Limit);

/// <summary>A position in a manifest file (1-based line and column).</summary>
public sealed record ManifestLocation(string File, int Line, int Column);
