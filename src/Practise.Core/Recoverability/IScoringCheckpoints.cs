using static TorchSharp.torch;

namespace Practise.Core.Recoverability;

/// <summary>The training state of a group of candidates after a number of iterations: enough to continue exactly.</summary>
public sealed record ScoringCheckpoint(int Iteration, Dictionary<string, Tensor> State) : IDisposable
{
    public void Dispose()
    {
        foreach (var tensor in State.Values) tensor.Dispose();
    }
}

/// <summary>
/// Where shared-prefix scoring keeps its progress, so an interrupted run (Ctrl+C, kill -9, a CI timeout) continues
/// from the last checkpoint of the group in progress instead of from iteration 0.
/// </summary>
public interface IScoringCheckpoints
{
    /// <summary>The latest complete checkpoint of exactly this group of blocks, or null.</summary>
    ScoringCheckpoint? TryLoad(IReadOnlyList<string> group);

    void Save(IReadOnlyList<string> group, int iteration, IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Called once the group's scores are stored: its checkpoint is no longer needed.</summary>
    void Delete(IReadOnlyList<string> group);
}
