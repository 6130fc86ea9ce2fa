// One condition per process, because OpenMP reads its environment once, when libtorch loads it:
//   OpenMpWaitPolicy <prepare: first|late|never> <forwards> <max seconds>
// first: NativeEnvironment.Prepare() before any torch call (what the CLI does); late: right after the first torch
// call (too late: it must say so, and the forwards show it changed nothing); never: the inherited environment decides.
// Times <forwards> ResNet-20 forwards (batch 64, 32×32, 2 threads) after 3 warm-up ones, stopping early after
// <max seconds> once 5 are timed; forwards 0 runs until killed (the competing process). Prints one JSON line.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Practise.Core;
using static TorchSharp.torch;

var prepare = args[0];
var forwards = int.Parse(args[1], CultureInfo.InvariantCulture);
var maxTime = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
if (prepare is not ("first" or "late" or "never"))
    throw new ArgumentException($"prepare must be first, late or never, not '{prepare}'.", nameof(args));

NativeEnvironmentState? state = prepare == "first" ? NativeEnvironment.Prepare() : null;
set_num_threads(2);
if (prepare == "late") state = NativeEnvironment.Prepare();

manual_seed(0);
using var model = CifarResNet.ResNet20();
model.eval();
using var images = randn(64, 3, 32, 32);
using var inference = no_grad();
void Forward()
{
    using var scope = NewDisposeScope();
    model.call(images);
}

for (var warmUp = 0; warmUp < 3; warmUp++) Forward();
while (forwards == 0) Forward();

using var process = Process.GetCurrentProcess();
var ownCpuBefore = process.TotalProcessorTime;
var busyBefore = BusyCores.Seconds();
var total = Stopwatch.StartNew();
var milliseconds = new List<double>();
while (milliseconds.Count < forwards && (milliseconds.Count < 5 || total.Elapsed < maxTime))
{
    var clock = Stopwatch.StartNew();
    Forward();
    milliseconds.Add(clock.Elapsed.TotalMilliseconds);
}
var seconds = total.Elapsed.TotalSeconds;
process.Refresh();
var ownCpuSeconds = (process.TotalProcessorTime - ownCpuBefore).TotalSeconds;

Console.WriteLine(JsonSerializer.Serialize(new
{
    prepare,
    omp_wait_policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY"),
    too_late = state?.TooLate,
    loaded_before_prepare = state?.AlreadyLoadedRuntime,
    threads = get_num_threads(),
    cpu_ms_per_forward = Math.Round(ownCpuSeconds * 1000 / milliseconds.Count, 1),
    // Cores kept busy by everything else meanwhile (the competitor included).
    other_cores = Math.Round((BusyCores.Seconds() - busyBefore - ownCpuSeconds) / seconds, 2),
    milliseconds = milliseconds.Select(value => Math.Round(value, 2)),
}));
