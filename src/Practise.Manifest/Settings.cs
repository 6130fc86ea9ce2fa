namespace Practise.Manifest;

/// <summary>What to shrink to: exactly one of the three targets is set.</summary>
public sealed record BudgetSettings(double? LatencyReduction, double? LatencyMs, int? Blocks, double? MinAccuracy)
{
    [NotAKey]
    public BudgetKind Kind => LatencyReduction is not null ? BudgetKind.LatencyReduction
        : LatencyMs is not null ? BudgetKind.LatencyMs
        : BudgetKind.Blocks;
}

public enum BudgetKind
{
    LatencyReduction,
    LatencyMs,
    Blocks,
}

public sealed record LatencySettings(ComputeDevice Device, LatencyRuntime Runtime, int Batch, int Warmup, int Repeats, double MaxSeconds, int Threads, string? Profile);

/// <summary>Which inference engine forwards are timed in (docs/onnx.md).</summary>
public enum LatencyRuntime
{
    /// <summary>libtorch through TorchSharp, the engine that trains.</summary>
    Libtorch,

    /// <summary>ONNX Runtime on the CPU, running each network exported in memory: the runtime a .NET service deploys.</summary>
    Onnxruntime,
}

public sealed record RecoverabilitySettings(
    int Iterations,
    double Lr,
    double Momentum,
    double WeightDecay,
    int BatchSize,
    RecoverabilityStrategy Strategy,
    bool IncludeFirstBlock,
    int MemoryCapMb,
    int ParallelBlocks);

public sealed record FinetuneSettings(FinetuneMode Mode, int Iterations, double Lr, double Momentum, double WeightDecay, int BatchSize);
