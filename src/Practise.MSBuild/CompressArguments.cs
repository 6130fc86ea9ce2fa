namespace Practise.MSBuild;

/// <summary><c>compress MANIFEST --output DIR [--cache-dir DIR] [--device D]</c>, the arguments after the tool command.</summary>
internal static class CompressArguments
{
    public static IReadOnlyList<string> Build(string manifest, string? outputDir, string? cacheDir, string? device)
    {
        var arguments = new List<string> { "compress", manifest };
        if (!string.IsNullOrEmpty(outputDir)) arguments.AddRange(["--output", outputDir]);
        if (!string.IsNullOrEmpty(cacheDir)) arguments.AddRange(["--cache-dir", cacheDir]);
        if (!string.IsNullOrEmpty(device)) arguments.AddRange(["--device", device]);
        return arguments;
    }
}
