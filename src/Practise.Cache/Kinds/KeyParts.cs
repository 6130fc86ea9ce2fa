using System.Globalization;
using Practise.Manifest;

namespace Practise.Cache;

/// <summary>Fields that several recipes share, spelled once so that the same input is keyed the same way everywhere.</summary>
internal static class KeyParts
{
    /// <summary>How images are fed: channels, size, and mean and std by their exact values (never the current culture's text).</summary>
    public static CacheKey AddInput(this CacheKey key, InputSettings input) => key
        .Add("input.channels", input.Channels)
        .Add("input.size", [input.Size.Height, input.Size.Width])
        .Add("input.mean", input.Mean.Select(Exact))
        .Add("input.std", input.Std.Select(Exact));

    /// <summary>Round-trippable, culture-invariant text of a double, so list items are keyed by their exact value.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
