using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Schema;

/// <summary>Collects errors (and warnings) against one manifest file, so all of them are reported together.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<ManifestError> errors = [];
    private readonly List<ManifestWarning> warnings = [];

    public string File { get; } = file;
    public IReadOnlyList<ManifestError> Errors => errors;
    public IReadOnlyList<ManifestWarning> Warnings => warnings;

    public void Add(string code, YamlNode? node, string keyPath, string message, string? fix = null) =>
        errors.Add(new ManifestError(code, File, (int)(node?.Start.Line ?? 0), (int)(node?.Start.Column ?? 0), keyPath, message, fix));

    public void Add(ManifestError error) => errors.Add(error);

    public void Warn(string code, YamlNode node, string keyPath, string message, string? fix = null) =>
        warnings.Add(new ManifestWarning(code, File, (int)node.Start.Line, (int)node.Start.Column, keyPath, message, fix));

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ManifestException(errors.ToList());
        }
    }
}
