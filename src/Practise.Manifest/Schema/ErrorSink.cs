using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Schema;

/// <summary>Collects errors against one manifest file, so all of them are reported together.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<ManifestError> errors = [];

    public string File { get; } = file;
    public IReadOnlyList<ManifestError> Errors => errors;

    public void Add(string code, YamlNode? node, string keyPath, string message, string? fix = null) =>
        errors.Add(new ManifestError(code, File, (int)(node?.Start.Line ?? 0), (int)(node?.Start.Column ?? 0), keyPath, message, fix));

    public void Add(ManifestError error) => errors.Add(error);

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ManifestException(errors.ToList());
        }
    }
}
