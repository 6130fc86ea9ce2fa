using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Schema;

/// <summary>The type a YAML scalar has under the YAML 1.2 core schema (what a JSON-schema validator would see).</summary>
public enum ScalarType
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>
/// Resolves plain scalars the way YAML 1.2's core schema does, so "64" (quoted) is a string and yes/no are strings,
/// exactly as the JSON schema judges them.
/// </summary>
public static partial class YamlScalars
{
    public static ScalarType TypeOf(YamlScalarNode node)
    {
        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return ScalarType.String;
        }
        var text = node.Value ?? "";
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return ScalarType.Null;
        }
        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return ScalarType.Boolean;
        }
        if (IntegerPattern().IsMatch(text))
        {
            return ScalarType.Integer;
        }
        return FloatPattern().IsMatch(text) ? ScalarType.Float : ScalarType.String;
    }

    /// <summary>The scalar's value as null, bool, long, double or string.</summary>
    public static object? ValueOf(YamlScalarNode node)
    {
        var text = node.Value ?? "";
        return TypeOf(node) switch
        {
            ScalarType.Null => null,
            ScalarType.Boolean => text[0] is 't' or 'T',
            ScalarType.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? (object)value
                : double.Parse(text, CultureInfo.InvariantCulture),
            ScalarType.Float => ParseFloat(text),
            _ => text,
        };
    }

    private static double ParseFloat(string text) => text.TrimStart('+', '-').ToUpperInvariant() switch
    {
        ".INF" => text.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity,
        ".NAN" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}
