using System.Text.Json;

namespace Practise.Contract;

/// <summary>practise.json's text: the one set of serializer options the tool writes with and the MSBuild task reads with.</summary>
public static class PractiseJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>Indented JSON with a final newline.</summary>
    public static string Serialize(CompressionReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <summary>The report in <paramref name="text"/>; a missing required field or a value of the wrong type is a <see cref="JsonException"/> naming it.</summary>
    public static CompressionReport Parse(string text) =>
        JsonSerializer.Deserialize<CompressionReport>(text, Options) ?? throw new JsonException("practise.json holds null, not a compression report");

    /// <summary>practise.json in <paramref name="outputDirectory"/>.</summary>
    public static CompressionReport Read(string outputDirectory) => Parse(File.ReadAllText(PathIn(outputDirectory)));

    public static string PathIn(string outputDirectory) => Path.Combine(outputDirectory, ArtifactNames.Result);
}
