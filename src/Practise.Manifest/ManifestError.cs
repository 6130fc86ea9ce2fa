namespace Practise.Manifest;

/// <summary>One problem in a manifest: where it is, which key, what is wrong and how to fix it.</summary>
public sealed record ManifestError(string Code, string File, int Line, int Column, string KeyPath, string Message, string? Fix = null)
{
    /// <summary>MSBuild's canonical form, so IDEs and CI annotate the manifest line: <c>file(line,col): error CODE: message</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}({Line},{Column})" : File;
        var key = KeyPath.Length > 0 ? $"{KeyPath}: " : "";
        var fix = Fix is null ? "" : $" ({Fix})";
        return $"{where}: error {Code}: {key}{Message}{fix}";
    }
}

/// <summary>Thrown with every problem found, not just the first, so one edit-run cycle fixes them all.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(IReadOnlyList<ManifestError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("A ManifestException needs at least one error.", nameof(errors));
        }
        Errors = errors;
    }

    public ManifestException(ManifestError error)
        : this([error])
    {
    }

    public IReadOnlyList<ManifestError> Errors { get; }

    /// <summary>The first error's code.</summary>
    public string Code => Errors[0].Code;
}
