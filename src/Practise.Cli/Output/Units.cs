using System.Globalization;

namespace Practise.Cli.Output;

/// <summary>Human-readable numbers for text output (JSON carries the exact values).</summary>
internal static class Units
{
    /// <summary>1234567 → "1.23 M", with K/M/G steps of 1000 as torchvision's model tables count multiply-adds.</summary>
    public static string Count(long value) => value switch
    {
        >= 1_000_000_000 => Format(value / 1e9, "G"),
        >= 1_000_000 => Format(value / 1e6, "M"),
        >= 1_000 => Format(value / 1e3, "K"),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Thousands-separated, "464,154".</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    public static string Bytes(long bytes) => bytes >= 1024 * 1024 ? Format(bytes / (1024.0 * 1024), "MiB")
        : bytes >= 1024 ? Format(bytes / 1024.0, "KiB")
        : $"{bytes} B";

    private static string Format(double value, string unit) => value.ToString("0.00", CultureInfo.InvariantCulture) + " " + unit;
}
