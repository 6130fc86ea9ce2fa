// The re-measure step of the latency-robustness harness (issue 14, benchmarks/latency-robustness.sh): after a compress
// run, possibly made under background load, a fresh process on the quiet machine times the chosen network against the
// teacher in many interleaved rounds, so the harness can check the reduction the run reported.
//   LatencyRobustness remeasure <practise.yaml> <practise.json> [--rounds N] [--output result.json]
// Writes {dropped, rounds, teacher_ms, pruned_ms, reduction, reduction_low, reduction_high, disturbed,
// set_aside_rounds, seconds} to --output (default stdout) and a one-line summary to stderr.
using System.Globalization;
using Practise.Benchmarks.LatencyRobustness;
using Practise.Core;

// First, before anything loads libtorch: its OpenMP runtime reads the native environment once (docs/engine.md).
NativeEnvironment.Prepare();

const int UsageError = 64;
const string Usage = "usage: LatencyRobustness remeasure <practise.yaml> <practise.json> [--rounds N] [--output result.json]";

if (args.Length < 3 || args[0] != "remeasure")
{
    Console.Error.WriteLine(Usage);
    return UsageError;
}
var rounds = 200;
string? output = null;
for (var i = 3; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--rounds" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1:
            rounds = parsed;
            i++;
            break;
        case "--output" when value is not null:
            output = value;
            i++;
            break;
        default:
            Console.Error.WriteLine($"unexpected argument '{args[i]}'\n{Usage}");
            return UsageError;
    }
}

try
{
    var result = ChosenNetworkTiming.Measure(manifestPath: args[1], reportPath: args[2], rounds);
    var json = result.ToJson();
    if (output is null) Console.WriteLine(json);
    else File.WriteAllText(output, json + "\n");
    Console.Error.WriteLine(result.Summary());
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Exit 1 with the whole story in remeasure.log, rather than the runtime's abort (134) and a core dump.
    Console.Error.WriteLine($"remeasure failed: {e}");
    return 1;
}
