using System.Globalization;
using System.Text;

namespace Practise.Manifest.Schema;

/// <summary>The key reference table in docs/manifest.md, generated from <see cref="ManifestKeys"/> so it cannot drift.</summary>
public static class ManifestDocs
{
    public const string BeginMarker = "<!-- keys:begin (generated from ManifestKeys; PRACTISE_UPDATE_DOCS=1 dotnet test regenerates) -->";
    public const string EndMarker = "<!-- keys:end -->";

    public static string KeyTable()
    {
        var table = new StringBuilder();
        table.Append("| Key | Type | Default | Why |\n|---|---|---|---|\n");
        foreach (var spec in ManifestKeys.All)
        {
            table.Append(CultureInfo.InvariantCulture, $"| `{spec.Path}` | {TypeText(spec)} | {DefaultText(spec)} | {spec.FullDescription.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }
        return table.ToString();
    }

    private static string TypeText(KeySpec spec)
    {
        var bounds = string.Join(", ", new[]
        {
            spec.Minimum is { } min ? (spec.ExclusiveMinimum ? "> " : "≥ ") + min.ToString(CultureInfo.InvariantCulture) : null,
            spec.Maximum is { } max ? (spec.ExclusiveMaximum ? "< " : "≤ ") + max.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(bound => bound is not null));
        var type = spec.Kind switch
        {
            KeyKind.Section => "section",
            KeyKind.Choice => string.Join(" \\| ", spec.Choices!.Select(choice => $"`{choice}`")),
            KeyKind.Size => "integer or [h, w]",
            KeyKind.Fraction => "\"20%\" or 0.2",
            KeyKind.NumberList => "list of numbers",
            KeyKind.GlobsOrSource => "list of globs \\| `idx:` \\| `safetensors:` \\| `synthetic:` \\| `noise:`",
            var kind => kind.ToString().ToLowerInvariant(),
        };
        return bounds.Length > 0 ? $"{type} ({bounds})" : type;
    }

    private static string DefaultText(KeySpec spec) => spec switch
    {
        { Required: true } => "**required**",
        { DefaultText: { } text } => text,
        { Default: { } value } => $"`{ManifestSchema.ToJson(value)!.ToJsonString()}`",
        { Kind: KeyKind.Section } => "",
        _ => "unset",
    };
}
