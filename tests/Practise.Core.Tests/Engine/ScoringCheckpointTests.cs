using Practise.Cache;
using Practise.Core.Pipeline;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Training;
using Practise.Testing;

namespace Practise.Core.Tests.Engine;

/// <summary>Shared-prefix scoring interrupted mid-training continues from its last checkpoint and reaches the same R, bit for bit.</summary>
[Collection(SeededFixtureCollection.Name)]
public class ScoringCheckpointTests
{
    private static readonly OptimizationSettings Settings = new(Iterations: 12, Lr: 0.02, Momentum: 0.9, WeightDecay: 1e-4, BatchSize: 8);

    [Fact]
    public void AnInterruptedRunResumesFromItsCheckpointAndGivesTheSameR()
    {
        using var fixture = new EngineFixture();
        using var cache = new TemporaryDirectory();
        var blocks = fixture.Teacher.DroppableBlocks();
        var expected = Score(fixture, blocks, null, SilentProgress.Instance);
        var progress = new InterruptingProgress(afterIterations: 7);
        var checkpoints = Checkpoints(cache.Path, blocks, progress);

        Assert.Throws<OperationCanceledException>(() => Score(fixture, blocks, checkpoints, progress, progress.Cancellation));
        Assert.Single(Directory.GetFiles(cache.Path, "*.safetensors", SearchOption.AllDirectories));

        var resumed = new InterruptingProgress(afterIterations: int.MaxValue);
        var actual = Score(fixture, blocks, Checkpoints(cache.Path, blocks, resumed), resumed);

        // 12 iterations over 6 candidates: a checkpoint every 2 iterations, so the 7th iteration's interruption resumes at 6.
        Assert.Contains($"recoverability: resuming {blocks.Count} blocks at iteration 6 of 12 (checkpoint)", resumed.Lines);
        Assert.Equal(6, resumed.Iterations);
        Assert.Equal(expected, actual);
        Assert.Empty(Directory.GetFiles(cache.Path, "*.safetensors", SearchOption.AllDirectories));
        Assert.Empty(new CacheStore(cache.Path).List(CheckpointKind.Name));
    }

    [Fact]
    public void ACorruptCheckpointIsReportedAndTheGroupStartsAgain()
    {
        using var fixture = new EngineFixture();
        using var cache = new TemporaryDirectory();
        var blocks = fixture.Teacher.DroppableBlocks();
        var expected = Score(fixture, blocks, null, SilentProgress.Instance);
        var progress = new InterruptingProgress(afterIterations: 5);
        Assert.Throws<OperationCanceledException>(() => Score(fixture, blocks, Checkpoints(cache.Path, blocks, progress), progress, progress.Cancellation));
        var file = Assert.Single(Directory.GetFiles(cache.Path, "*.safetensors", SearchOption.AllDirectories));
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        var again = new InterruptingProgress(afterIterations: int.MaxValue);
        var actual = Score(fixture, blocks, Checkpoints(cache.Path, blocks, again), again);

        // The store reports the damaged blob (through the session's warning line in compress) and reads the checkpoint as none.
        Assert.Contains(again.Lines, line => line.Contains(".safetensors does not match its checksum", StringComparison.Ordinal));
        Assert.Equal(12, again.Iterations);
        Assert.Equal(expected, actual);
    }

    private static Dictionary<string, double> Score(EngineFixture fixture, IReadOnlyList<string> blocks, IScoringCheckpoints? checkpoints,
        IProgressSink progress, CancellationToken cancellation = default) =>
        new SharedPrefixScorer(fixture.Teacher, fixture.Batches, Settings, progress, long.MaxValue)
            .ScoreAll(blocks, checkpoints, cancellation).ToDictionary(score => score.Block, score => score.R);

    private static CachedCheckpoints Checkpoints(string directory, IReadOnlyList<string> blocks, IProgressSink progress) =>
        new(new CacheStore(directory, problem => progress.Log($"warning {problem.Code}: {problem.Message} ({problem.Path})")),
            blocks.ToDictionary(block => block, block => new CacheKey(RecoverabilityKind.Name).Add("block", block)), progress);

    /// <summary>Records log lines and training iterations; cancels once a number of iterations have run (as Ctrl+C would).</summary>
    private sealed class InterruptingProgress(int afterIterations) : IProgressSink, IProgressPhase
    {
        private readonly CancellationTokenSource source = new();

        public CancellationToken Cancellation => source.Token;

        public List<string> Lines { get; } = [];

        public int Iterations { get; private set; }

        private bool counting;

        public IProgressPhase Begin(string name, int total)
        {
            counting = name.StartsWith("recoverability", StringComparison.Ordinal);
            return this;
        }

        public void Log(string message) => Lines.Add(message);

        /// <summary>Counts the iterations run here, not the ones a resumed phase skips over (one Advance of many steps).</summary>
        public void Advance(int steps = 1, string? detail = null)
        {
            if (!counting || steps != 1) return;
            if (++Iterations >= afterIterations) source.Cancel();
        }

        public void Dispose() { }
    }
}
