using System.Text.Json.Nodes;

namespace Practise.Manifest.Tests;

/// <summary>A renamed choice still loads under its old spelling, with a warning that says what to write instead.</summary>
public class DeprecatedSpellingTests
{
    private const string OldSpelling = """
        model:
          arch: resnet34
          weights: weights/resnet34.safetensors
        data:
          train: ["images/*.jpg"]
        budget:
          blocks: 2
        recoverability:
          strategy: incremental
        """;

    private static Manifest Parse(string yaml) =>
        ManifestLoader.Parse(yaml, "/project/practise.yaml", new ManifestLoadOptions { CheckFiles = false, Environment = _ => null });

    [Fact]
    public void Strategy_incremental_reads_as_shared_prefix_with_a_canonical_warning_at_its_line()
    {
        var manifest = Parse(OldSpelling);

        Assert.Equal(RecoverabilityStrategy.SharedPrefix, manifest.Recoverability.Strategy);
        var warning = Assert.Single(manifest.Warnings);
        Assert.Equal(
            "/project/practise.yaml(9,13): warning PRAC1012: recoverability.strategy: 'incremental' is deprecated: it is read as 'shared-prefix' (write 'shared-prefix')",
            warning.ToString());
    }

    [Theory]
    [InlineData("shared-prefix", RecoverabilityStrategy.SharedPrefix)]
    [InlineData("full", RecoverabilityStrategy.Full)]
    public void Current_spellings_load_without_warnings(string spelling, RecoverabilityStrategy strategy)
    {
        var manifest = Parse(OldSpelling.Replace("incremental", spelling, StringComparison.Ordinal));
        Assert.Equal(strategy, manifest.Recoverability.Strategy);
        Assert.Empty(manifest.Warnings);
    }

    [Fact]
    public void The_schema_accepts_the_old_spelling_as_the_loader_does_and_says_it_is_deprecated()
    {
        var schema = JsonNode.Parse(File.ReadAllText(TestFiles.Repo("docs/practise.schema.json")))!.AsObject();
        Assert.Empty(JsonSchemaSubset.Validate(YamlJson.Convert(OldSpelling), schema));
        var strategy = schema["properties"]!["recoverability"]!["properties"]!["strategy"]!;
        Assert.Contains("'incremental' is the deprecated name of 'shared-prefix'", strategy["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
