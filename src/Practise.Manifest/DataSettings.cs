namespace Practise.Manifest;

public sealed record DataSettings(TrainSource Train, int Count, int Seed, bool Augment, EvalSettings? Eval);

/// <summary>Where the tiny training set comes from: one of <see cref="GlobSource"/>, <see cref="IdxSource"/>, <see cref="SafetensorsSource"/>.</summary>
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

/// <summary>Optional labelled evaluation data: exactly one of a class-folder tree or an IDX pair.</summary>
public sealed record EvalSettings(string? Folder, IdxSource? Idx, int? Limit);

/// <summary>A position in a manifest file (1-based line and column).</summary>
public sealed record ManifestLocation(string File, int Line, int Column);
