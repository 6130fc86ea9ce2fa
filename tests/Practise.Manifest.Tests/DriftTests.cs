using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Practise.Manifest.Schema;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Tests;

/// <summary>The records, the key catalogue, the schema, the docs and the example must describe the same keys.</summary>
public class DriftTests
{
    private const string UpdateVariable = "PRACTISE_UPDATE_DOCS";
    private static readonly bool Update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static TheoryData<string> KeyPaths => new(ManifestKeys.All.Select(spec => spec.Path));

    [Fact]
    public void Every_record_property_is_a_catalogued_key_and_back()
    {
        var sections = ManifestKeys.All.Where(spec => spec.Record is not null).Select(spec => (spec.Path, spec.Record!))
            .Prepend(("", typeof(Manifest)));
        foreach (var (path, record) in sections)
        {
            var properties = record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.GetCustomAttribute<NotAKeyAttribute>() is null && property.Name != "EqualityContract")
                .Select(property => Kebab(property.Name)).Order(StringComparer.Ordinal);
            var keys = ManifestKeys.ChildrenOf(path).Select(spec => spec.Name).Order(StringComparer.Ordinal);
            Assert.True(properties.SequenceEqual(keys), $"{record.Name} ({path}): properties [{string.Join(", ", properties)}] vs keys [{string.Join(", ", keys)}]");
        }
    }

    [Fact]
    public void Committed_schema_is_generated_from_the_catalogue() =>
        CheckGenerated("docs/practise.schema.json", ManifestSchema.Generate());

    [Fact]
    public void Manifest_doc_key_table_is_generated_from_the_catalogue()
    {
        var path = TestFiles.Repo("docs/manifest.md");
        var text = File.ReadAllText(path);
        var begin = text.IndexOf(ManifestDocs.BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(ManifestDocs.EndMarker, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "docs/manifest.md lacks the key table markers");
        var head = text[..(begin + ManifestDocs.BeginMarker.Length)] + "\n";
        CheckGenerated("docs/manifest.md", head + ManifestDocs.KeyTable() + text[end..]);
    }

    [Theory]
    [MemberData(nameof(KeyPaths))]
    public void Every_key_is_in_the_docs_schema_and_example(string path)
    {
        Assert.Contains($"`{path}`", File.ReadAllText(TestFiles.Repo("docs/manifest.md")), StringComparison.Ordinal);

        var schema = JsonNode.Parse(File.ReadAllText(TestFiles.Repo("docs/practise.schema.json")))!;
        Assert.NotNull(SchemaNode(schema, path));

        var example = File.ReadAllText(TestFiles.Repo("practise.yaml.example"));
        Assert.Matches($"(?m)(^|[\\s#{{])({Regex.Escape(ManifestKeys.Find(path)!.Name)}):", example);
    }

    [Fact]
    public void Example_parses_validates_against_the_schema_and_shows_the_defaults()
    {
        var yaml = File.ReadAllText(TestFiles.Repo("practise.yaml.example"));
        var manifest = ManifestLoader.Parse(yaml, TestFiles.Repo("practise.yaml.example"), new ManifestLoadOptions { CheckFiles = false });
        Assert.Equal(0.2, manifest.Budget.LatencyReduction);

        var schema = JsonNode.Parse(File.ReadAllText(TestFiles.Repo("docs/practise.schema.json")))!.AsObject();
        Assert.Empty(JsonSchemaSubset.Validate(YamlJson.Convert(yaml), schema));

        var root = YamlJson.Root(yaml);
        var alternatives = CommentedTrainForms(yaml).Select(form => YamlJson.Root(form)).ToList();
        foreach (var spec in ManifestKeys.All.Where(spec => spec.Default is not null))
        {
            // data.train takes one form; the keys of the others are shown, with their defaults, in commented-out forms.
            var node = Find(root, spec.Path) ?? (spec.Path.StartsWith("data.train.", StringComparison.Ordinal)
                ? alternatives.Select(form => Find(form, spec.Path["data.".Length..])).FirstOrDefault(found => found is not null)
                : null);
            Assert.True(node is not null, $"{spec.Path} is not set (uncommented, or in a commented data.train form) in the example");
            var shown = YamlJson.Convert(node!);
            Assert.True(JsonNode.DeepEquals(Normalize(ManifestSchema.Generate(), spec.Path), Normalize(shown)),
                $"{spec.Path}: example shows {shown?.ToJsonString()}, default is {Normalize(ManifestSchema.Generate(), spec.Path)?.ToJsonString()}");
        }
    }

    [Fact]
    public void Example_commented_train_forms_parse()
    {
        var forms = CommentedTrainForms(File.ReadAllText(TestFiles.Repo("practise.yaml.example"))).ToList();
        Assert.Equal(4, forms.Count); // idx, safetensors, synthetic, noise
        foreach (var form in forms)
        {
            var yaml = "model: {arch: resnet18, weights: w.safetensors}\ndata:\n" + string.Join('\n', form.Split('\n').Select(line => "  " + line)) + "\nbudget: {blocks: 1}\n";
            ManifestLoader.Parse(yaml, "/p/practise.yaml", new ManifestLoadOptions { CheckFiles = false });
        }
    }

    [Theory]
    [InlineData("budget: {blocks: 1, latency-ms: 3}")]
    [InlineData("budget: {}")]
    [InlineData("budget: {blocks: 0}")]
    [InlineData("budget: {latency-reduction: \"x%\"}")]
    [InlineData("budget: {latency-reduction: 1.5}")]
    [InlineData("budget: {blocks: 1}\nlatency: {batch: \"64\"}")]
    [InlineData("budget: {blocks: 1}\ncriterion: best")]
    [InlineData("budget: {blocks: 1}\nbudjet: 1")]
    [InlineData("budget: {blocks: 1}\nmodel2: {}")]
    public void Schema_and_parser_reject_the_same_mistakes(string tail)
    {
        var yaml = "model: {arch: resnet18, weights: w.safetensors}\ndata: {train: [\"*.jpg\"]}\n" + tail + "\n";
        var schema = JsonNode.Parse(File.ReadAllText(TestFiles.Repo("docs/practise.schema.json")))!.AsObject();

        Assert.NotEmpty(JsonSchemaSubset.Validate(YamlJson.Convert(yaml), schema));
        Assert.Throws<ManifestException>(() => ManifestLoader.Parse(yaml, "/p/practise.yaml", new ManifestLoadOptions { CheckFiles = false }));

        var valid = "model: {arch: resnet18, weights: w.safetensors}\ndata: {train: [\"*.jpg\"]}\nbudget: {blocks: 1}\n";
        Assert.Empty(JsonSchemaSubset.Validate(YamlJson.Convert(valid), schema));
    }

    private static void CheckGenerated(string relative, string expected)
    {
        var path = TestFiles.Repo(relative);
        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        if (actual != expected && Update)
        {
            File.WriteAllText(path, expected);
            return;
        }
        Assert.True(actual == expected, $"{relative} is stale; regenerate with {UpdateVariable}=1 dotnet test tests/Practise.Manifest.Tests");
    }

    /// <summary>Each commented-out data.train form of the example (<c>  # train:</c> and its <c>  #   </c> lines), uncommented.</summary>
    private static IEnumerable<string> CommentedTrainForms(string yaml)
    {
        var lines = yaml.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("  # train:", StringComparison.Ordinal)) continue;
            var form = new List<string> { "train:" };
            for (var j = i + 1; j < lines.Length && lines[j].StartsWith("  #   ", StringComparison.Ordinal); j++) form.Add(lines[j][4..]);
            yield return string.Join('\n', form);
        }
    }

    private static JsonNode? SchemaNode(JsonNode schema, string path) =>
        path.Split('.').Aggregate((JsonNode?)schema, (node, name) => Properties(node)?[name]);

    /// <summary>A section's properties, looking inside oneOf alternatives (data.train's idx/safetensors form).</summary>
    private static JsonNode? Properties(JsonNode? node) =>
        node?["properties"] ?? node?["oneOf"]?.AsArray().Select(option => option?["properties"]).FirstOrDefault(found => found is not null);

    private static YamlNode? Find(YamlMappingNode root, string path)
    {
        YamlNode? node = root;
        foreach (var name in path.Split('.'))
        {
            node = node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(name), out var child) ? child : null;
        }
        return node;
    }

    private static JsonNode? Normalize(string schema, string path) => Normalize(SchemaNode(JsonNode.Parse(schema)!, path)?["default"]);

    /// <summary>Numbers compare by value (1e-4 and 0.0001 are the same default).</summary>
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonArray array => new JsonArray(array.Select(Normalize).ToArray()),
        JsonValue value when value.TryGetValue<double>(out var number) => JsonValue.Create(number.ToString("R", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
