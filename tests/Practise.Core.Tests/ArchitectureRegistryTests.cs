using System.Text;
using Practise.Core.Adaptors;
using Practise.Core.Architectures;
using Practise.Core.Models;
using Practise.Manifest.Schema;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>
/// The registry is the one list of architectures: the manifest's copy of its names is generated from it, every name
/// has exactly one plug-in, and every plug-in meets the contract the generic engine relies on (docs/architectures.md).
/// </summary>
public class ArchitectureRegistryTests
{
    private const string NamesFile = "src/Practise.Manifest/Schema/ArchitectureNames.cs";

    public static TheoryData<string> Names => new(ArchitectureRegistry.Names);

    [Fact]
    public void The_manifests_arch_values_are_generated_from_the_registry()
    {
        var path = Repository.File(NamesFile);
        var generated = GeneratedNames();
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (committed != generated && Environment.GetEnvironmentVariable("PRACTISE_UPDATE_DOCS") == "1") File.WriteAllText(path, committed = generated);
        Assert.True(committed == generated, $"{NamesFile} is stale; regenerate with PRACTISE_UPDATE_DOCS=1 dotnet test tests/Practise.Core.Tests");
        Assert.Equal(ArchitectureRegistry.Names, ArchitectureNames.All);
    }

    [Fact]
    public void Every_name_has_exactly_one_plug_in_and_every_plug_in_is_documented()
    {
        var docs = File.ReadAllText(Repository.File("docs/architectures.md"));
        foreach (var name in ArchitectureNames.All)
        {
            var owners = ArchitectureRegistry.Families.Where(family => family.Architectures.Any(spec => spec.Name == name)).ToList();
            Assert.True(owners.Count == 1, $"{name} has {owners.Count} plug-ins");
            Assert.Contains($"`{name}`", docs, StringComparison.Ordinal);
        }
        Assert.All(ArchitectureRegistry.Families, family => Assert.Contains($"`{family.GetType().Name}`", docs, StringComparison.Ordinal));
    }

    /// <summary>
    /// What BlockSurgery, AdaptorPlacement and scoring assume of a plug-in: blocks of the form "container.index" that the
    /// model's segments cover, and droppable blocks whose removal leaves a model that loads the teacher's weights strictly,
    /// gets adaptors on dense convs only, and still computes.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Every_architecture_meets_the_plug_in_contract(string arch)
    {
        using var scope = NewDisposeScope();
        var spec = ArchitectureRegistry.Spec(arch);
        using var teacher = ModelZoo.Create(arch, numClasses: 10);
        var segments = teacher.Segments.Select(segment => segment.Key).ToList();
        Assert.All(spec.Blocks, block => Assert.Contains(teacher.SegmentOf(block), segments));
        var staged = spec.AdaptorStages.SelectMany(stage => stage).ToList();
        Assert.All(staged, block => Assert.Contains(block, spec.Blocks));
        Assert.All(spec.Droppable.Concat(spec.OptionalDroppable), block => Assert.Contains(block, staged));

        var dropped = ModelZoo.DroppableBlocks(arch, includeFirstBasicBlock: true);
        using var student = BlockSurgery.Prune(teacher, dropped);
        using var adaptors = AdaptorSet.Attach(student, AdaptorPlacement.For(student, dropped));
        Assert.NotEmpty(adaptors.Sites);
        adaptors.FuseInto(student);
        using var rebuilt = ModelZoo.Create(student.Architecture);
        StateDicts.Load(rebuilt, student.state_dict());
        rebuilt.eval();
        using var logits = rebuilt.call(randn(2, 3, 32, 32));
        Assert.Equal([2L, 10], logits.shape);
    }

    private static string GeneratedNames()
    {
        var text = new StringBuilder("""
            // Generated from Practise.Core/Architectures/ArchitectureRegistry.cs; do not edit. After adding an architecture,
            // PRACTISE_UPDATE_DOCS=1 dotnet test tests/Practise.Core.Tests --filter ArchitectureRegistryTests regenerates it.
            namespace Practise.Manifest.Schema;

            /// <summary>
            /// The manifest's <c>model.arch</c> values. The names live once, in the architecture plug-ins that Practise.Core's
            /// registry lists; Practise.Manifest is torch-free (the MSBuild task reads manifests inside the build), so it cannot
            /// ask the registry and holds this copy instead, which a test keeps equal to the registry as docs/practise.schema.json
            /// is kept equal to <see cref="ManifestKeys"/>.
            /// </summary>
            public static class ArchitectureNames
            {
                public static readonly IReadOnlyList<string> All =
                [

            """);
        foreach (var name in ArchitectureRegistry.Names) text.Append("        \"").Append(name).Append("\",\n");
        return text.Append("    ];\n}\n").ToString();
    }
}
