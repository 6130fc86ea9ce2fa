using System.Text.Json;
using System.Text.Json.Serialization;

namespace Practise.Core.Models;

/// <summary>
/// What is needed to rebuild a (possibly pruned) model without its weights: the original architecture, its head and
/// input, and which blocks remain. Block names are always the ORIGINAL model's ("layer3.2", "features.5"); a kept
/// block lives at "container.rank" in the pruned model, rank counting only kept blocks of the same container.
/// Saved as model.json beside the weights (docs/pruned-models.md).
/// </summary>
public sealed record ArchitectureDescriptor
{
    [JsonPropertyName("arch")]
    public required string Arch { get; init; }

    [JsonPropertyName("num_classes")]
    public required long NumClasses { get; init; }

    [JsonPropertyName("in_channels")]
    public required long InChannels { get; init; }

    /// <summary>ResNets only: kept blocks per stage, what torchvision's _make_layer needs to rebuild the pruned model.</summary>
    [JsonPropertyName("stage_lengths")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? StageLengths { get; init; }

    /// <summary>Every block of the original model that remains, in forward order.</summary>
    [JsonPropertyName("kept_blocks")]
    public required IReadOnlyList<string> KeptBlocks { get; init; }

    /// <summary>Removed blocks, in original forward order.</summary>
    [JsonPropertyName("dropped_blocks")]
    public required IReadOnlyList<string> DroppedBlocks { get; init; }

    /// <summary>
    /// Channel pruning only: the hidden widths thinner than the architecture's, "block.conv" (original block name) → the
    /// conv's output channels, in forward order (docs/pruned-models.md). Absent when no channel was pruned, so block-only
    /// descriptors, and the hashes taken over them, are unchanged.
    /// </summary>
    [JsonPropertyName("hidden_widths")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? HiddenWidths { get; init; }

    private static readonly JsonSerializerOptions Compact = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Compact JSON with a fixed property order: the canonical form that model hashes are taken over.</summary>
    public string ToCanonicalJson() => JsonSerializer.Serialize(this, Compact);

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    public static ArchitectureDescriptor FromJson(string json)
    {
        var descriptor = JsonSerializer.Deserialize<ArchitectureDescriptor>(json)
            ?? throw new FormatException("architecture descriptor is empty");
        ModelZoo.Validate(descriptor);
        return descriptor;
    }

    // Records compare lists by reference; descriptors are equal when their canonical JSON is.
    public bool Equals(ArchitectureDescriptor? other) => other is not null && ToCanonicalJson() == other.ToCanonicalJson();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToCanonicalJson());
}
