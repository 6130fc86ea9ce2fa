// One measurement per process, so peak memory is the strategy's own:
//   ScoringSpeed <arch> <image size> <strategy> <iterations> <batch> [weights.safetensors]
// strategy: full (the reference loop) | shared-prefix | parallel (shared-prefix, two candidates side by side, one
// libtorch thread each) | capped:<MB> (shared-prefix under a memory cap of that many MiB: it works in groups)
// Prints one JSON line: wall seconds, peak resident memory and every block's R (to check both strategies agree).
// Without weights the model keeps PyTorch's default initialisation: speed does not depend on the values.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Progress;
using Practise.Core.Recoverability;
using Practise.Core.Serialization;
using Practise.Core.Training;
using Practise.Manifest;
using static TorchSharp.torch;

var arch = args[0];
var size = int.Parse(args[1], CultureInfo.InvariantCulture);
var strategy = args[2];
var iterations = int.Parse(args[3], CultureInfo.InvariantCulture);
var batch = int.Parse(args[4], CultureInfo.InvariantCulture);
var weights = args.Length > 5 ? args[5] : null;
set_num_threads(2);
manual_seed(0);

var channels = arch.EndsWith("_cifar", StringComparison.Ordinal) ? 1 : 3;
using var teacher = ModelZoo.Create(arch, 10, channels);
if (weights is not null) StateDicts.LoadFile(teacher, weights);
teacher.eval();

using var pixels = randint(0, 256, [batch, channels, size, size], uint8);
using var set = ImageSet.FromTensor(pixels);
var mean = Enumerable.Repeat(0.5, channels).ToList();
var normalization = new Normalization(mean, mean);
var imageSize = new ImageSize(size, size);
using var data = new TinyBatches(set, new EvalTransform(imageSize, normalization), new TrainTransform(imageSize, normalization), batch, 0);
var settings = new OptimizationSettings(iterations, 0.02, 0.9, 1e-4, batch);
var blocks = teacher.DroppableBlocks();

var clock = Stopwatch.StartNew();
IReadOnlyDictionary<string, double> scores = strategy == "full"
    ? blocks.ToDictionary(block => block, block => new RecoverabilityScorer(teacher, data, settings, SilentProgress.Instance).Score(block))
    : new SharedPrefixScorer(teacher, data, settings, SilentProgress.Instance,
        strategy.StartsWith("capped:", StringComparison.Ordinal) ? long.Parse(strategy[7..], CultureInfo.InvariantCulture) << 20 : 16L << 30,
        parallelBlocks: strategy == "parallel" ? 2 : 1)
        .ScoreAll(blocks).ToDictionary(score => score.Block, score => score.R);
var seconds = clock.Elapsed.TotalSeconds;
using var process = Process.GetCurrentProcess();
Console.WriteLine(JsonSerializer.Serialize(new
{
    arch,
    size,
    strategy,
    iterations,
    batch,
    blocks = blocks.Count,
    seconds = Math.Round(seconds, 2),
    peak_rss_mb = process.PeakWorkingSet64 >> 20,
    scores,
}));
