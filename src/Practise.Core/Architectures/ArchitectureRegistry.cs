namespace Practise.Core.Architectures;

/// <summary>
/// The one list of architecture families, and so of the names the tool knows. ModelZoo builds by these names,
/// `practise inspect` offers them, and the manifest's `model.arch` values (hence docs/practise.schema.json and
/// docs/manifest.md) come from them: Practise.Manifest must not load libtorch, so it holds a generated copy,
/// Practise.Manifest/Schema/ArchitectureNames.cs, which a test regenerates and checks like the schema.
/// </summary>
public static class ArchitectureRegistry
{
    /// <summary>Every family, in the order their names are listed. A new family adds its plug-in here (docs/architectures.md).</summary>
    public static IReadOnlyList<IArchitectureFamily> Families { get; } = [new ResNetFamily(), new MobileNetV2Family(), new CifarResNetFamily()];

    private static readonly Dictionary<string, ArchitectureSpec> ByName = Index(Families);

    /// <summary>Every architecture name, family by family.</summary>
    public static IReadOnlyList<string> Names { get; } = Families.SelectMany(family => family.Architectures).Select(spec => spec.Name).ToList();

    /// <exception cref="ArgumentException">No family has an architecture of that name.</exception>
    public static ArchitectureSpec Spec(string arch) =>
        ByName.TryGetValue(arch, out var spec)
            ? spec
            : throw new ArgumentException($"unknown architecture '{arch}'; known: {string.Join(", ", Names)}", nameof(arch));

    /// <summary>Name → spec; a name two plug-ins claim is a programming error, reported before anything is built.</summary>
    private static Dictionary<string, ArchitectureSpec> Index(IEnumerable<IArchitectureFamily> families)
    {
        var byName = new Dictionary<string, ArchitectureSpec>(StringComparer.Ordinal);
        foreach (var family in families)
            foreach (var spec in family.Architectures)
                if (!byName.TryAdd(spec.Name, spec))
                    throw new InvalidOperationException($"two architecture plug-ins name '{spec.Name}' ({family.GetType().Name} and another)");
        return byName;
    }
}
