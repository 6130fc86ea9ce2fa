namespace Practise.Torch.Tests;

/// <summary>
/// torch.LiveTensorCount is process-wide, so tests that compare it before and after must not overlap with tests
/// creating tensors on other threads; xunit runs this collection on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTensorCountCollection
{
    public const string Name = "live tensor count";
}
