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
        "resnet18",
        "resnet34",
        "resnet50",
        "resnet101",
        "resnet152",
        "mobilenet_v2",
        "resnet20_cifar",
        "resnet32_cifar",
        "resnet44_cifar",
        "resnet56_cifar",
    ];
}
