namespace Practise.Manifest;

/// <summary>
/// A validated practise.yaml. Every path in it is absolute (resolved against the manifest's folder).
/// Load with <see cref="ManifestLoader"/>; property names are the kebab-case keys in PascalCase.
/// </summary>
public sealed record Manifest(
    int Version,
    ModelSettings Model,
    DataSettings Data,
    BudgetSettings Budget,
    LatencySettings Latency,
    RecoverabilitySettings Recoverability,
    FinetuneSettings Finetune,
    Criterion Criterion,
    ComputeDevice Device,
    OutputSettings Output,
    CacheSettings Cache)
{
    /// <summary>The manifest file this was read from (absolute).</summary>
    [NotAKey]
    public required string SourcePath { get; init; }

    /// <summary>The folder relative paths were resolved against.</summary>
    [NotAKey]
    public string BaseDirectory => System.IO.Path.GetDirectoryName(SourcePath) ?? ".";
}

/// <summary>Marks a record property that is derived or bookkeeping, not a manifest key.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAKeyAttribute : Attribute;

public sealed record ModelSettings(string Arch, string Weights, int NumClasses, InputSettings Input);

public sealed record InputSettings(int Channels, ImageSize Size, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);

/// <summary>The network's input resolution.</summary>
public readonly record struct ImageSize(int Height, int Width)
{
    public override string ToString() => Height == Width ? $"{Height}" : $"{Height}x{Width}";
}

public sealed record OutputSettings(string Dir);

public sealed record CacheSettings(string Dir);

/// <summary>How scores are computed as blocks are removed.</summary>
public enum RecoverabilityStrategy
{
    /// <summary>After each block is dropped, the remaining blocks are re-scored on the pruned model.</summary>
    Incremental,

    /// <summary>Every block is scored once on the original model (the paper's Algorithm 1).</summary>
    Full,
}

public enum FinetuneMode
{
    /// <summary>All parameters, feature-mimicking loss on the last feature map (the paper's recovery).</summary>
    Features,

    /// <summary>Only the fused-away adaptors are trained (a cheap ablation).</summary>
    AdaptorsOnly,

    /// <summary>Cross-entropy on labels (the "BP" baseline; needs labelled data).</summary>
    CrossEntropy,
}

/// <summary>How blocks are ranked for removal.</summary>
public enum Criterion
{
    Practise,
    L2,
    Kl,
    First,
    Random,
}

public enum ComputeDevice
{
    Cpu,
    Cuda,
}
