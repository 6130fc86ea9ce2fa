/// <summary>
/// CPU time the whole machine spent busy (every process, and time the hypervisor gave to other guests), from
/// /proc/stat, so a result shows how quiet "quiet" was: other helpers may be compiling on the same cores.
/// </summary>
internal static class BusyCores
{
    // /proc/stat counts in USER_HZ, which is 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>Busy CPU-seconds summed over all cores since boot, or NaN where there is no /proc/stat.</summary>
    public static double Seconds()
    {
        if (!File.Exists("/proc/stat")) return double.NaN;
        // cpu  user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int[] busy = [1, 2, 3, 6, 7, 8];
        return busy.Sum(field => double.Parse(fields[field], System.Globalization.CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
