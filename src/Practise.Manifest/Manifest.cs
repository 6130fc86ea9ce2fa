namespace Practise.Manifest;

/// <summary>
/// A validated practise.yaml. Every path in it is absolute (resolved against the manifest's folder).
/// Load with <see cref="ManifestLoader"/>; property names are the kebab-case keys in PascalCase.
/// </summary>
public sealed record Manifest(
    int Version,
    ModelSettings Model,
    DataSettings Data,
    PruningMethod Method,
    ChannelSettings Channels,
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

    /// <summary>What still works but should change (deprecated spellings); the CLI prints them beside its errors.</summary>
    [NotAKey]
    public IReadOnlyList<ManifestWarning> Warnings { get; init; } = [];
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

/// <summary>
/// How R is computed for the candidate blocks. Both score every block once on the original model (Algorithm 1) and
/// give the same R (to 1e-4 relative, tested); they differ only in the work done to get there.
/// </summary>
public enum RecoverabilityStrategy
{
    /// <summary>All candidates trained side by side from one teacher pass per batch, sharing the layers before each block.</summary>
    SharedPrefix,

    /// <summary>Each block trained in its own loop over the whole network (the reference).</summary>
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

/// <summary>What compress removes (docs/channel-pruning.md). YAML: blocks | channels | blocks+channels.</summary>
public enum PruningMethod
{
    /// <summary>Whole blocks, PRACTISE's method.</summary>
    Blocks,

    /// <summary>Hidden channels inside blocks, variance-based pruning.</summary>
    Channels,

    /// <summary>Both: blocks dropped first, then the remaining blocks thinned.</summary>
    BlocksAndChannels,
}

/// <summary>Variance-based channel pruning's settings; read only when the method includes channels.</summary>
/// <param name="Ratio">The fraction of hidden channels removed; null lets the latency budget choose it (docs/channel-pruning.md).</param>
public sealed record ChannelSettings(double? Ratio, bool Compensate, ChannelRanking Ranking = ChannelRanking.Global);

/// <summary>How channels compete for removal (docs/channel-pruning.md, section 2).</summary>
public enum ChannelRanking
{
    /// <summary>All hidden layers together, by variance times what the next conv and BatchNorm make of it.</summary>
    Global,

    /// <summary>The same fraction of every hidden layer, by raw variance.</summary>
    PerLayer,
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
