using System.Text.Json.Nodes;
using Practise.Manifest.Schema;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Tests;

/// <summary>YAML → JSON the way a schema-aware editor does it (YAML 1.2 core types), for validating against the schema.</summary>
internal static class YamlJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Re-parses the JSON text so every value is JsonElement-backed and reads back as any compatible CLR type.</summary>
    public static JsonNode? Convert(YamlNode node) => JsonNode.Parse(ToJson(node)?.ToJsonString() ?? "null");

    public static YamlMappingNode Root(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => YamlScalars.ValueOf(scalar) switch
        {
            null => null,
            bool flag => JsonValue.Create(flag),
            long integer => JsonValue.Create(integer),
            double number => JsonValue.Create(number),
            var text => JsonValue.Create((string)text),
        },
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };
}
