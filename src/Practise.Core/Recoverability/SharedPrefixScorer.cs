using Practise.Core.Adaptors;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Recoverability;

/// <summary>
/// R(B) for many blocks at once, sharing the teacher's prefix (<c>recoverability.strategy: shared-prefix</c>): only
/// what differs between the candidates is computed. The loops are swapped: for each augmented batch the teacher runs
/// once, keeping every segment's input and the target features; each candidate then trains its adaptors from the first
/// segment where it differs from the teacher (everything before is the teacher's own frozen computation, so its
/// activations are reused as they are), with no weight gradients for frozen layers.
/// Same batches, same initialisation, same optimiser and the same loop (<see cref="TrainingLoop"/>) as
/// <see cref="RecoverabilityScorer"/>, so the same R.
/// </summary>
/// <param name="parallelBlocks">Candidates trained at once on their own threads (one libtorch thread each); 1 trains them one after another.</param>
public sealed class SharedPrefixScorer(PrunableModel teacher, TinyBatches data, OptimizationSettings settings, IProgressSink progress, long memoryCapBytes,
    int parallelBlocks = 1)
{
    /// <summary>
    /// Candidates trained side by side share one teacher pass; more than the memory cap allows are done in groups.
    /// Each group's scores are yielded as soon as they are known. With <paramref name="checkpoints"/>, a group saves
    /// its state every <c>iterations / group size</c> iterations (an interruption loses about one block's worth of
    /// work) and resumes from it, bit for bit.
    /// </summary>
    public IEnumerable<(string Block, double R)> ScoreAll(IReadOnlyList<string> blocks, IScoringCheckpoints? checkpoints = null,
        CancellationToken cancellation = default)
    {
        foreach (var group in Groups(blocks))
        {
            var candidates = group.Select(block => Candidate.Create(teacher, block, settings)).ToList();
            try
            {
                var start = Restore(group, candidates, checkpoints);
                Train(group, candidates, start, checkpoints, cancellation);
                foreach (var score in Measure(candidates)) yield return score;
            }
            finally
            {
                foreach (var candidate in candidates) candidate.Dispose();
            }
            checkpoints?.Delete(group);
        }
    }

    private IEnumerable<IReadOnlyList<string>> Groups(IReadOnlyList<string> blocks)
    {
        var perCandidate = teacher.parameters().Sum(parameter => parameter.numel() * 4L) * 3; // student copy + adaptors + optimiser state, generously
        var size = (int)Math.Clamp(memoryCapBytes / Math.Max(perCandidate, 1), 1, Math.Max(blocks.Count, 1));
        return blocks.Chunk(size);
    }

    /// <summary>Loads the group's checkpoint into its candidates; returns the iteration to continue from.</summary>
    private int Restore(IReadOnlyList<string> group, List<Candidate> candidates, IScoringCheckpoints? checkpoints)
    {
        using var checkpoint = checkpoints?.TryLoad(group);
        if (checkpoint is null || checkpoint.Iteration >= settings.Iterations) return 0;
        foreach (var candidate in candidates)
        {
            StateDicts.Load(candidate.Adaptors, Part(checkpoint.State, $"{candidate.Block}/adaptors."));
            SgdState.Load(candidate.Optimizer, Part(checkpoint.State, $"{candidate.Block}/optimizer."));
        }
        progress.Log($"recoverability: resuming {candidates.Count} blocks at iteration {checkpoint.Iteration} of {settings.Iterations} (checkpoint)");
        return checkpoint.Iteration;
    }

    private static Dictionary<string, Tensor> Part(Dictionary<string, Tensor> state, string prefix) =>
        state.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal);

    /// <summary>Every candidate's adaptor weights and optimiser state (clones in the current dispose scope).</summary>
    private static Dictionary<string, Tensor> State(List<Candidate> candidates)
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            foreach (var (name, tensor) in candidate.Adaptors.state_dict()) state[$"{candidate.Block}/adaptors.{name}"] = tensor;
            foreach (var (name, tensor) in SgdState.Save(candidate.Optimizer)) state[$"{candidate.Block}/optimizer.{name}"] = tensor;
        }
        return state;
    }

    private void Train(IReadOnlyList<string> group, List<Candidate> candidates, int start, IScoringCheckpoints? checkpoints, CancellationToken cancellation)
    {
        teacher.eval();
        var every = Math.Max(1, settings.Iterations / candidates.Count);
        using var phase = progress.Begin($"recoverability ({candidates.Count} blocks, shared prefix)", settings.Iterations);
        if (start > 0) phase.Advance(start);
        // Longest first, so that side-by-side workers finish an iteration together.
        var learners = candidates.OrderBy(candidate => candidate.TeacherStart).Select(candidate => candidate.Learner).ToList();
        TrainingLoop.Run(settings, learners, iteration => TeacherPass(data.TrainBatch(iteration)), phase, cancellation, start, parallelBlocks,
            completed: done =>
            {
                if (checkpoints is not null && done % every == 0 && done < settings.Iterations) checkpoints.Save(group, done, State(candidates));
            });
    }

    private IEnumerable<(string Block, double R)> Measure(List<Candidate> candidates)
    {
        using var _ = no_grad();
        var sums = new double[candidates.Count];
        long elements = 0;
        foreach (var batch in data.EvalBatches(settings.BatchSize))
        {
            using var scope = NewDisposeScope();
            var (inputs, targets) = TeacherPass(batch);
            elements += targets.numel();
            for (var i = 0; i < candidates.Count; i++)
            {
                var features = candidates[i].Student.ForwardSegments(inputs[candidates[i].TeacherStart], candidates[i].StudentStart);
                sums[i] += F.mse_loss(features, targets, nn.Reduction.Sum).ToDouble();
            }
            batch.Dispose();
        }
        return candidates.Select((candidate, i) => (candidate.Block, sums[i] / Math.Max(elements, 1)));
    }

    /// <summary>The input of every teacher segment and the final features, without gradients.</summary>
    private (List<Tensor> Inputs, Tensor Targets) TeacherPass(Tensor batch)
    {
        using var _ = no_grad();
        var inputs = new List<Tensor> { batch };
        foreach (var segment in teacher.Segments) inputs.Add(segment.Forward(inputs[^1]));
        return (inputs, inputs[^1]);
    }

    /// <summary>One block's pruned student with its adaptors, frozen, and where its forward starts.</summary>
    private sealed class Candidate : IDisposable
    {
        private Candidate(string block, PrunableModel student, AdaptorSet adaptors, int teacherStart, int studentStart, OptimizationSettings settings)
        {
            Block = block;
            Student = student;
            Adaptors = adaptors;
            TeacherStart = teacherStart;
            StudentStart = studentStart;
            Optimizer = settings.CreateOptimizer(adaptors.parameters());
            Learner = new(Optimizer, batch => F.mse_loss(Student.ForwardSegments(batch.Inputs[TeacherStart], StudentStart), batch.Targets));
        }

        public string Block { get; }
        public PrunableModel Student { get; }
        public AdaptorSet Adaptors { get; }
        public int TeacherStart { get; }
        public int StudentStart { get; }
        public SGD Optimizer { get; }

        /// <summary>Its part in the shared loop: the student's forward from the teacher's activations, against the teacher's features.</summary>
        public Learner<(List<Tensor> Inputs, Tensor Targets)> Learner { get; }

        /// <summary>
        /// The student first differs from the teacher at the earliest segment holding an adapted conv or the gap; its
        /// forward starts at its first kept segment from there, fed with the teacher's input to that segment.
        /// </summary>
        public static Candidate Create(PrunableModel teacher, string block, OptimizationSettings settings)
        {
            var student = BlockSurgery.Prune(teacher, [block]);
            student.eval();
            Freezing.Freeze(student);
            var sites = AdaptorPlacement.For(student, [block]);
            var adaptors = AdaptorSet.Attach(student, sites);
            var teacherKeys = teacher.Segments.Select(segment => segment.Key).ToList();
            var first = sites.Select(site => SegmentIndex(student, teacherKeys, site.ConvPath))
                .Append(teacherKeys.IndexOf(teacher.SegmentOf(block)))
                .Min();
            var studentKeys = student.Segments.Select(segment => segment.Key).ToList();
            var studentStart = studentKeys.FindIndex(key => teacherKeys.IndexOf(key) >= first);
            return new Candidate(block, student, adaptors, first, studentStart < 0 ? studentKeys.Count : studentStart, settings);
        }

        /// <summary>
        /// The teacher segment holding a conv of the student ("layer3.1.conv1" → the segment of layer3.1's original
        /// block); a conv outside every block (the stem) is in the first segment.
        /// </summary>
        private static int SegmentIndex(PrunableModel student, List<string> teacherKeys, string convPath)
        {
            var parts = convPath.Split('.');
            var original = parts.Length < 3 ? null : student.OriginalName($"{parts[0]}.{parts[1]}");
            return original is null ? 0 : Math.Max(teacherKeys.IndexOf(student.SegmentOf(original)), 0);
        }

        public void Dispose()
        {
            Optimizer.Dispose();
            Adaptors.Dispose();
            Student.Dispose();
        }
    }
}
