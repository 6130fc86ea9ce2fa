namespace Practise.Manifest;

/// <summary>One problem in a manifest: where it is, which key, what is wrong and how to fix it.</summary>
public sealed record ManifestError(string Code, string File, int Line, int Column, string KeyPath, string Message, string? Fix = null)
{
    /// <summary>MSBuild's canonical form, so IDEs and CI annotate the manifest line: <c>file(line,col): error CODE: message</c>.</summary>
    public override string ToString() => CanonicalForm.Format(File, Line, Column, "error", Code, KeyPath, Message, Fix);
}

/// <summary>Something in a manifest that still works but should change (a deprecated spelling); it fails nothing.</summary>
public sealed record ManifestWarning(string Code, string File, int Line, int Column, string KeyPath, string Message, string? Fix = null)
{
    /// <summary><c>file(line,col): warning CODE: message</c>, which MSBuild turns into a build warning at that line.</summary>
    public override string ToString() => CanonicalForm.Format(File, Line, Column, "warning", Code, KeyPath, Message, Fix);
}

internal static class CanonicalForm
{
    public static string Format(string file, int line, int column, string category, string code, string keyPath, string message, string? fix)
    {
        var where = line > 0 ? $"{file}({line},{column})" : file;
        var key = keyPath.Length > 0 ? $"{keyPath}: " : "";
        return $"{where}: {category} {code}: {key}{message}{(fix is null ? "" : $" ({fix})")}";
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
