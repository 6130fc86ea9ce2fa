namespace Practise.Torch.Tests;

/// <summary>
/// torch.LiveTensorCount is process-wide, so tests asserting it is unchanged must not run while other test classes
/// create or dispose tensors: xunit runs collections with DisableParallelization on their own, after the rest.
/// </summary>
[CollectionDefinition(nameof(LiveTensorCountChecks), DisableParallelization = true)]
public sealed class LiveTensorCountChecks;
