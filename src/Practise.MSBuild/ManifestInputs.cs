using System.Security.Cryptography;
using System.Text;
using Practise.Manifest;
using Practise.Manifest.Data;

namespace Practise.MSBuild;

/// <summary>
/// Every file a compression reads, found with the tool's own manifest reader and glob expansion, plus a fingerprint of
/// the file lists: a file that appears under a glob with an old timestamp still changes the fingerprint.
/// </summary>
internal sealed record ManifestInputs(string? OutputDir, IReadOnlyList<string> Files, string Fingerprint)
{
    public static ManifestInputs Find(string manifestPath)
    {
        var manifest = ManifestLoader.Load(manifestPath, new ManifestLoadOptions { CheckFiles = false });
        var files = new List<string> { manifest.Model.Weights };
        files.AddRange(TrainFiles(manifest.Data.Train));
        if (manifest.Data.Eval is { } eval)
        {
            if (eval.Idx is { } idx) files.AddRange(IdxFiles(idx));
            if (eval.Folder is { } folder && Directory.Exists(folder))
            {
                files.AddRange(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                    .Where(DataSelection.IsImage).Select(Path.GetFullPath).Order(StringComparer.Ordinal));
            }
        }
        if (manifest.Latency.Profile is { } profile) files.Add(profile);
        return new ManifestInputs(manifest.Output.Dir, files, Hash(string.Join("\n", files)));
    }

    private static IEnumerable<string> TrainFiles(TrainSource source) => source switch
    {
        GlobSource glob => DataSelection.Expand(glob),
        IdxSource idx => IdxFiles(idx),
        SafetensorsSource tensors => [tensors.Path],
        // Synthetic and noise sets read no file: they are made from the weights (an input already) and the manifest.
        _ => [],
    };

    private static IEnumerable<string> IdxFiles(IdxSource idx) => idx.Labels is null ? [idx.Images] : [idx.Images, idx.Labels];

    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
}
