using System.Text.Json;
using System.Text.Json.Nodes;

namespace Practise.Manifest.Schema;

/// <summary>Generates the JSON schema for practise.yaml (docs/practise.schema.json) from <see cref="ManifestKeys"/>.</summary>
public static class ManifestSchema
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the file is read by people, not embedded in HTML
    };

    /// <summary>The schema as committed: two-space indented, LF line ends, a final newline.</summary>
    public static string Generate()
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "practise.yaml",
            ["description"] = "The manifest of the practise tool: a model, a tiny data set and a latency budget (see docs/manifest.md).",
        };
        foreach (var (name, value) in Section(""))
        {
            root[name] = value?.DeepClone();
        }
        return root.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject Section(string path)
    {
        var children = ManifestKeys.ChildrenOf(path).ToList();
        var section = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        foreach (var child in children)
        {
            properties[child.Name] = Describe(child);
        }
        section["properties"] = properties;
        section["additionalProperties"] = false;
        var required = children.Where(child => child.Required).Select(child => JsonValue.Create(child.Name)).ToArray();
        if (required.Length > 0)
        {
            section["required"] = new JsonArray(required);
        }
        if (ManifestKeys.Find(path)?.ExactlyOneOf is { } oneOf)
        {
            section["oneOf"] = new JsonArray(oneOf.Select(name => (JsonNode)new JsonObject { ["required"] = new JsonArray(JsonValue.Create(name)) }).ToArray());
        }
        return section;
    }

    private static JsonObject Describe(KeySpec spec)
    {
        var node = spec.Kind switch
        {
            KeyKind.Section => Section(spec.Path),
            KeyKind.Integer => Bounded(new JsonObject { ["type"] = "integer" }, spec),
            KeyKind.Number => Bounded(new JsonObject { ["type"] = "number" }, spec),
            KeyKind.Boolean => new JsonObject { ["type"] = "boolean" },
            KeyKind.String or KeyKind.Path => NonEmptyString(),
            // Deprecated spellings are valid (with a warning), so old manifests validate as they load.
            KeyKind.Choice => new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(spec.Choices!.Concat(spec.DeprecatedChoices?.Keys ?? []).Select(choice => JsonValue.Create(choice)).ToArray()),
            },
            KeyKind.Size => OneOf(
                Bounded(new JsonObject { ["type"] = "integer" }, spec),
                new JsonObject { ["type"] = "array", ["items"] = Bounded(new JsonObject { ["type"] = "integer" }, spec), ["minItems"] = 2, ["maxItems"] = 2 }),
            KeyKind.Fraction => OneOf(
                Bounded(new JsonObject { ["type"] = "number" }, spec),
                new JsonObject { ["type"] = "string", ["pattern"] = @"^\s*[0-9]+(\.[0-9]+)?%\s*$" }),
            KeyKind.NumberList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number" }, ["minItems"] = 1 },
            KeyKind.GlobsOrSource => OneOf(
                new JsonObject { ["type"] = "array", ["items"] = NonEmptyString(), ["minItems"] = 1 },
                WithExactlyOneProperty(Section(spec.Path))),
            _ => throw new InvalidOperationException($"No schema for {spec.Kind}."),
        };
        var described = new JsonObject { ["description"] = spec.FullDescription + (spec.DefaultText is null ? "" : $" Default: {spec.DefaultText}.") };
        if (spec.Default is { } value)
        {
            described["default"] = ToJson(value);
        }
        foreach (var (name, child) in node)
        {
            described[name] = child?.DeepClone();
        }
        return described;
    }

    private static JsonObject NonEmptyString() => new() { ["type"] = "string", ["minLength"] = 1 };

    private static JsonObject OneOf(params JsonObject[] options) => new() { ["oneOf"] = new JsonArray(options) };

    private static JsonObject WithExactlyOneProperty(JsonObject section)
    {
        section["minProperties"] = 1;
        section["maxProperties"] = 1;
        return section;
    }

    private static JsonObject Bounded(JsonObject node, KeySpec spec)
    {
        if (spec.Minimum is { } min)
        {
            node[spec.ExclusiveMinimum ? "exclusiveMinimum" : "minimum"] = Number(min);
        }
        if (spec.Maximum is { } max)
        {
            node[spec.ExclusiveMaximum ? "exclusiveMaximum" : "maximum"] = Number(max);
        }
        return node;
    }

    /// <summary>Whole bounds are written as integers so the file reads naturally (1, not 1.0).</summary>
    private static JsonNode Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    internal static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        List<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        long integer => JsonValue.Create(integer),
        double number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        string text => JsonValue.Create(text),
        _ => throw new InvalidOperationException($"Default {value} is a {value.GetType().Name}; use long, double, bool, string or List<object>."),
    };
}
