using Practise.Core.Adaptors;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Core.Training;
using static Practise.Torch.torch;
using F = Practise.Torch.torch.nn.functional;

namespace Practise.Core.Recoverability;

/// <summary>
/// R(B) for many blocks at once, computing only what differs between them. The loops are swapped: for each augmented
/// batch the teacher runs once, keeping every segment's input and the target features; each candidate then trains
/// its adaptors from the first segment where it differs from the teacher (everything before is the teacher's own
/// frozen computation, so its activations are reused as they are), with no weight gradients for frozen layers.
/// Same batches, same initialisation and same optimiser as <see cref="RecoverabilityScorer"/>, so the same R.
/// </summary>
public sealed class IncrementalScorer(PrunableModel teacher, TinyBatches data, OptimizationSettings settings, IProgressSink progress, long memoryCapBytes)
{
    /// <summary>Candidates trained side by side share one teacher pass; more than the memory cap allows are done in groups.</summary>
    public IReadOnlyDictionary<string, double> ScoreAll(IReadOnlyList<string> blocks, CancellationToken cancellation = default)
    {
        var results = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var group in Groups(blocks))
        {
            var candidates = group.Select(block => Candidate.Create(teacher, block, settings)).ToList();
            try
            {
                Train(candidates, cancellation);
                foreach (var (block, r) in Measure(candidates)) results[block] = r;
            }
            finally
            {
                foreach (var candidate in candidates) candidate.Dispose();
            }
        }
        return results;
    }

    private IEnumerable<IReadOnlyList<string>> Groups(IReadOnlyList<string> blocks)
    {
        var perCandidate = teacher.parameters().Sum(parameter => parameter.numel() * 4L) * 3; // student copy + adaptors + optimiser state, generously
        var size = (int)Math.Clamp(memoryCapBytes / Math.Max(perCandidate, 1), 1, Math.Max(blocks.Count, 1));
        return blocks.Chunk(size);
    }

    private void Train(List<Candidate> candidates, CancellationToken cancellation)
    {
        teacher.eval();
        using var phase = progress.Begin($"recoverability ({candidates.Count} blocks, incremental)", settings.Iterations);
        for (var iteration = 0; iteration < settings.Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (inputs, targets) = TeacherPass(data.TrainBatch(iteration));
            foreach (var candidate in candidates)
            {
                using var step = NewDisposeScope();
                candidate.Optimizer.LearningRate = settings.LearningRate(iteration);
                var features = candidate.Student.ForwardSegments(inputs[candidate.TeacherStart], candidate.StudentStart);
                var loss = F.mse_loss(features, targets);
                candidate.Optimizer.zero_grad();
                loss.backward();
                candidate.Optimizer.step();
            }
            phase.Advance();
        }
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
                sums[i] += F.mse_loss(features, targets, nn.Reduction.Sum).item<double>();
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
        }

        public string Block { get; }
        public PrunableModel Student { get; }
        public AdaptorSet Adaptors { get; }
        public int TeacherStart { get; }
        public int StudentStart { get; }
        public Practise.Torch.Optim.Optimizer Optimizer { get; }

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
