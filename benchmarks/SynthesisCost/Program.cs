// The cost of data-free synthesis (docs/data-free.md), one measurement per process:
//   SynthesisCost <arch> <image size> <batch> <steps> <threads> [weights.safetensors]
// Runs steps + 1 DeepInversion steps on one batch and times all but the first (allocator and caches settle), then
// prints one JSON line: seconds per step, and seconds per image for 1000 steps and for the default 2000.
// Without weights the model keeps PyTorch's default initialisation: speed does not depend on the values.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Core.Synthesis;
using Practise.Manifest;
using static TorchSharp.torch;

var arch = args[0];
var size = int.Parse(args[1], CultureInfo.InvariantCulture);
var batch = int.Parse(args[2], CultureInfo.InvariantCulture);
var steps = int.Parse(args[3], CultureInfo.InvariantCulture);
var threads = int.Parse(args[4], CultureInfo.InvariantCulture);
var weights = args.Length > 5 ? args[5] : null;
set_num_threads(threads);
manual_seed(0);

var cifar = arch.EndsWith("_cifar", StringComparison.Ordinal);
var channels = cifar ? 1 : 3;
var classes = cifar ? 10 : 1000;
using var teacher = ModelZoo.Create(arch, classes, channels);
if (weights is not null) StateDicts.LoadFile(teacher, weights);
teacher.eval();

var half = Enumerable.Repeat(0.5, channels).ToList();
var input = new InputSettings(channels, new ImageSize(size, size), half, half);
var settings = new SyntheticSource(batch, steps + 1, 0, 0.25, batch, 0.01, 1e-4, 1e-5, 0.125);
var plan = new SynthesisPlan(batch, batch, classes);
using var inversion = new DeepInversion(teacher, settings, input, CPU);
var clock = Stopwatch.StartNew();
var firstStep = TimeSpan.Zero;
var result = inversion.Run(0, plan.Targets(0), step =>
{
    if (step == 1) firstStep = clock.Elapsed;
});
result.Pixels.Dispose();
var perStep = (clock.Elapsed - firstStep).TotalSeconds / steps;
using var process = Process.GetCurrentProcess();
Console.WriteLine(JsonSerializer.Serialize(new
{
    arch,
    size,
    batch,
    steps,
    threads,
    seconds_per_step = perStep,
    seconds_per_image_per_1000_steps = perStep * 1000 / batch,
    seconds_per_image_default_2000_steps = perStep * 2000 / batch,
    peak_rss_mb = process.PeakWorkingSet64 / (1024.0 * 1024.0),
    cpu = Environment.ProcessorCount,
    libtorch = __version__,
}));
