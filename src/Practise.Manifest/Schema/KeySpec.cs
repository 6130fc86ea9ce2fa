namespace Practise.Manifest.Schema;

/// <summary>The shape a manifest value takes; each kind maps to one parser rule and one JSON-schema fragment.</summary>
public enum KeyKind
{
    /// <summary>A mapping of further keys.</summary>
    Section,
    Integer,
    Number,
    Boolean,
    String,
    /// <summary>A file or folder path, resolved against the manifest's folder.</summary>
    Path,
    /// <summary>One of <see cref="KeySpec.Choices"/>.</summary>
    Choice,
    /// <summary>An integer (square) or a [height, width] pair.</summary>
    Size,
    /// <summary>A fraction in (0, 1) written as 0.2 or "20%".</summary>
    Fraction,
    /// <summary>A list of numbers.</summary>
    NumberList,
    /// <summary>A list of glob patterns, or a mapping holding exactly one of the child sections.</summary>
    GlobsOrSource,
}

/// <summary>
/// One key of practise.yaml. The catalogue of these (<see cref="ManifestKeys"/>) is the single source the parser,
/// the JSON schema and docs/manifest.md are produced from, so the three cannot disagree.
/// </summary>
public sealed record KeySpec(string Path, KeyKind Kind, string Description)
{
    /// <summary>The value used when the key is absent (YAML-shaped: long, double, bool, string or a list); null when none.</summary>
    public object? Default { get; init; }

    /// <summary>A human description of a default that is not a constant (e.g. taken from the environment).</summary>
    public string? DefaultText { get; init; }

    public bool Required { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>For choices: old spellings still read, each as the choice it was renamed to, with a PRAC1012 warning.</summary>
    public IReadOnlyDictionary<string, string>? DeprecatedChoices { get; init; }

    /// <summary>The description, plus a sentence per deprecated spelling: the text the schema and docs/manifest.md show.</summary>
    public string FullDescription =>
        Description + string.Concat(DeprecatedChoices?.Select(renamed => $" '{renamed.Key}' is the deprecated name of '{renamed.Value}'.") ?? []);

    /// <summary>For sections: children of which exactly one must be present.</summary>
    public IReadOnlyList<string>? ExactlyOneOf { get; init; }

    /// <summary>For sections: the record type the section is read into (checked by a drift test).</summary>
    public Type? Record { get; init; }

    /// <summary>The last segment of <see cref="Path"/>, i.e. what is written in YAML.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The parent section's path; "" for top-level keys.</summary>
    public string Parent => Path.Contains('.') ? Path[..Path.LastIndexOf('.')] : "";
}
