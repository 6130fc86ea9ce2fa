using Practise.Core.Onnx;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Models;

/// <summary>
/// A classification CNN PRACTISE can prune: features (the map before global pooling, the target of feature
/// mimicking) → global average pool → classifier, with blocks addressed by their original names.
/// </summary>
public abstract class PrunableModel : nn.Module<Tensor, Tensor>
{
    private readonly Dictionary<string, string> originalNames;

    protected PrunableModel(ArchitectureDescriptor architecture) : base(architecture.Arch)
    {
        Architecture = architecture;
        BlockPaths = PathsOf(architecture.KeptBlocks);
        originalNames = BlockPaths.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }

    public ArchitectureDescriptor Architecture { get; }

    /// <summary>Original block name → the block's module path in this model, for every kept block.</summary>
    public IReadOnlyDictionary<string, string> BlockPaths { get; }

    /// <summary>The head applied to the pooled, flattened features (the teacher's is reused by the student).</summary>
    public abstract nn.Module<Tensor, Tensor> classifier { get; }

    /// <summary>
    /// The feature extractor as consecutive segments (ResNet: stem, layer1, …; MobileNetV2: each features.N), keyed by
    /// ORIGINAL names so a pruned student's segment and the teacher's line up. Running them in order is features().
    /// Scoring uses them to start a student's forward where it first differs from the teacher.
    /// </summary>
    public abstract IReadOnlyList<FeatureSegment> Segments { get; }

    /// <summary>features() as ONNX nodes (docs/onnx.md); returns the name of the last feature map.</summary>
    internal abstract string FeaturesToOnnx(OnnxGraph graph, string input);

    /// <summary>The segment (original key) that holds a block given by its original name.</summary>
    public abstract string SegmentOf(string originalBlock);

    /// <summary>The last feature map before global pooling, e.g. 512×7×7 for ResNet-34 at 224².</summary>
    public Tensor features(Tensor input) => ForwardSegments(input, 0);

    /// <summary>Runs segments[first..] on an input that entered segment <paramref name="first"/>.</summary>
    public Tensor ForwardSegments(Tensor input, int first)
    {
        using var scope = NewDisposeScope();
        var x = input;
        var segments = Segments;
        for (var i = first; i < segments.Count; i++) x = segments[i].Forward(x);
        return (ReferenceEquals(x, input) ? x.alias() : x).MoveToOuterDisposeScope();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = F.adaptive_avg_pool2d(features(input), [1, 1]).flatten(1);
        return classifier.call(pooled).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Blocks still present that may be dropped, in original names and forward order. The default is the reference
    /// set (docs/algorithm.md, "Which blocks can be dropped"); includeFirstBasicBlock adds layer1.0 of BasicBlock ResNets, which is also shape-preserving.
    /// </summary>
    public IReadOnlyList<string> DroppableBlocks(bool includeFirstBasicBlock = false) =>
        ModelZoo.DroppableBlocks(Architecture.Arch, includeFirstBasicBlock).Where(BlockPaths.ContainsKey).ToList();

    /// <summary>The module of a kept block, by its original name.</summary>
    public nn.Module Block(string originalName)
    {
        if (!BlockPaths.TryGetValue(originalName, out var path))
            throw new ArgumentException($"{Architecture.Arch} has no block '{originalName}' (kept: {string.Join(", ", BlockPaths.Keys)})", nameof(originalName));
        return named_modules().First(pair => pair.name == path).module;
    }

    /// <summary>The original name of the block at a module path of this model, or null when the path is no block.</summary>
    public string? OriginalName(string path) => originalNames.GetValueOrDefault(path);

    /// <summary>Original indices of the kept blocks of one container ("layer3", "features"), in order.</summary>
    protected IReadOnlyList<int> KeptIndices(string container) =>
        Architecture.KeptBlocks.Select(Split).Where(block => block.container == container).Select(block => block.index).ToList();

    /// <summary>The output width of a block's hidden conv: the descriptor's hidden_widths entry, else the architecture's.</summary>
    protected long HiddenWidth(string originalBlock, string conv, long original) =>
        Architecture.HiddenWidths is { } widths && widths.TryGetValue($"{originalBlock}.{conv}", out var width) ? width : original;

    internal static (string container, int index) Split(string block)
    {
        var dot = block.LastIndexOf('.');
        return (block[..dot], int.Parse(block[(dot + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> PathsOf(IEnumerable<string> keptBlocks)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in keptBlocks)
        {
            var (container, _) = Split(block);
            var rank = ranks.GetValueOrDefault(container);
            ranks[container] = rank + 1;
            paths[block] = $"{container}.{rank}";
        }
        return paths;
    }
}

/// <summary>One step of a model's feature extractor; <paramref name="Key"/> is its original name.</summary>
public sealed record FeatureSegment(string Key, Func<Tensor, Tensor> Forward);
