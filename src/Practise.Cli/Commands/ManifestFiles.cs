using Practise.Manifest;

namespace Practise.Cli.Commands;

/// <summary>Reads the manifest a command was pointed at (practise.yaml in the working folder by default).</summary>
internal static class ManifestFiles
{
    /// <summary>Loads and validates; <paramref name="checkFiles"/> off for commands that only need settings (cache).</summary>
    public static Manifest.Manifest Load(CommandContext context, string path, bool checkFiles = true) =>
        ManifestLoader.Load(context.Resolve(path), new ManifestLoadOptions { CheckFiles = checkFiles });
}
