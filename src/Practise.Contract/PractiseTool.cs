using System.Reflection;

namespace Practise.Contract;

/// <summary>
/// The tool's version: the build's &lt;Version&gt; (Directory.Build.props), which every assembly and package of the tool
/// carries. practise.json reports it and cache keys name it, so a release changes both without an edit in the code.
/// </summary>
public static class PractiseTool
{
    public static string Version { get; } = Read();

    private static string Read()
    {
        var informational = typeof(PractiseTool).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? throw new InvalidOperationException("Practise.Contract was built without an informational version");
        // The SDK may append "+<commit>" (SourceRevisionId); the package version, and so the tool's, ends before it.
        var metadata = informational.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? informational : informational[..metadata];
    }
}
