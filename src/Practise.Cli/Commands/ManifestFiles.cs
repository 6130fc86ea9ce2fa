using Practise.Manifest;

namespace Practise.Cli.Commands;

/// <summary>Reads the manifest a command was pointed at (practise.yaml in the working folder by default).</summary>
internal static class ManifestFiles
{
    /// <summary>
    /// Loads and validates; <paramref name="checkFiles"/> off for commands that only need settings (cache). Warnings go
    /// where errors go, in the same canonical form (also under --quiet), so MSBuild and IDEs list them at their line.
    /// </summary>
    public static Manifest.Manifest Load(CommandContext context, string path, bool checkFiles = true)
    {
        var manifest = ManifestLoader.Load(context.Resolve(path), new ManifestLoadOptions { CheckFiles = checkFiles });
        foreach (var warning in manifest.Warnings) context.Environment.Error.WriteLine(warning);
        return manifest;
    }
}
