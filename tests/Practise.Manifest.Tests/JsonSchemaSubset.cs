using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Practise.Manifest.Tests;

/// <summary>
/// A validator for the JSON-schema keywords docs/practise.schema.json uses (type, properties, additionalProperties,
/// required, enum, bounds, items, min/maxItems, min/maxProperties, minLength, pattern, oneOf). The package registry
/// this project builds from lacks JsonSchema.Net's dependencies; an unknown keyword fails loudly instead of passing.
/// </summary>
internal static class JsonSchemaSubset
{
    private static readonly HashSet<string> Known =
    [
        "$schema", "$id", "title", "description", "default", "type", "properties", "additionalProperties", "required", "enum",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "items", "minItems", "maxItems", "minProperties",
        "maxProperties", "minLength", "pattern", "oneOf",
    ];

    public static List<string> Validate(JsonNode? instance, JsonObject schema, string path = "$")
    {
        var errors = new List<string>();
        foreach (var (keyword, argument) in schema)
        {
            if (!Known.Contains(keyword))
            {
                throw new NotSupportedException($"Schema keyword '{keyword}' at {path} is not supported by the test validator.");
            }
            Check(keyword, argument!, instance, path, errors);
        }
        return errors;
    }

    private static void Check(string keyword, JsonNode argument, JsonNode? instance, string path, List<string> errors)
    {
        var number = instance is JsonValue value && value.TryGetValue<double>(out var d) ? d : (double?)null;
        switch (keyword)
        {
            case "type" when !HasType(instance, argument.GetValue<string>()):
                errors.Add($"{path}: expected {argument}");
                break;
            case "properties" when instance is JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (argument[name] is JsonObject childSchema)
                    {
                        errors.AddRange(Validate(child, childSchema, $"{path}.{name}"));
                    }
                }
                break;
            case "additionalProperties" when instance is JsonObject obj && !argument.GetValue<bool>():
                errors.AddRange(obj.Select(pair => pair.Key).Where(name => !Properties(argument).Contains(name))
                    .Select(name => $"{path}: additional property {name}"));
                break;
            case "required" when instance is JsonObject obj:
                errors.AddRange(argument.AsArray().Select(name => name!.GetValue<string>()).Where(name => !obj.ContainsKey(name)).Select(name => $"{path}: missing {name}"));
                break;
            case "enum" when !argument.AsArray().Any(option => JsonNode.DeepEquals(option, instance)):
                errors.Add($"{path}: not in enum");
                break;
            case "minimum" when number < argument.GetValue<double>():
            case "maximum" when number > argument.GetValue<double>():
            case "exclusiveMinimum" when number <= argument.GetValue<double>():
            case "exclusiveMaximum" when number >= argument.GetValue<double>():
                errors.Add($"{path}: violates {keyword} {argument}");
                break;
            case "items" when instance is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    errors.AddRange(Validate(array[i], argument.AsObject(), $"{path}[{i}]"));
                }
                break;
            case "minItems" when instance is JsonArray array && array.Count < argument.GetValue<int>():
            case "maxItems" when instance is JsonArray array2 && array2.Count > argument.GetValue<int>():
            case "minProperties" when instance is JsonObject obj && obj.Count < argument.GetValue<int>():
            case "maxProperties" when instance is JsonObject obj2 && obj2.Count > argument.GetValue<int>():
            case "minLength" when instance is JsonValue text && text.TryGetValue<string>(out var s) && s.Length < argument.GetValue<int>():
                errors.Add($"{path}: violates {keyword}");
                break;
            case "pattern" when instance is JsonValue text && text.TryGetValue<string>(out var s) && !Regex.IsMatch(s, argument.GetValue<string>()):
                errors.Add($"{path}: does not match {argument}");
                break;
            case "oneOf":
                var matching = argument.AsArray().Count(option => Validate(instance, option!.AsObject(), path).Count == 0);
                if (matching != 1)
                {
                    errors.Add($"{path}: matches {matching} of oneOf");
                }
                break;
        }
    }

    /// <summary>additionalProperties is judged against the sibling "properties" of the same schema object.</summary>
    private static HashSet<string> Properties(JsonNode additionalProperties) =>
        ((additionalProperties.Parent as JsonObject)?["properties"] as JsonObject)?.Select(pair => pair.Key).ToHashSet() ?? [];

    private static bool HasType(JsonNode? instance, string type) => (type, instance) switch
    {
        ("object", JsonObject) => true,
        ("array", JsonArray) => true,
        ("string", JsonValue v) => v.TryGetValue<string>(out _),
        ("boolean", JsonValue v) => v.TryGetValue<bool>(out _),
        ("integer", JsonValue v) => v.TryGetValue<double>(out var d) && d == Math.Floor(d) && !v.ToJsonString().Contains('.', StringComparison.Ordinal),
        ("number", JsonValue v) => v.TryGetValue<double>(out _),
        _ => false,
    };
}
