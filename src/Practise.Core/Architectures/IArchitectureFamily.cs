namespace Practise.Core.Architectures;

/// <summary>
/// One architecture family's plug-in (docs/architectures.md). Its file holds all that differs between families: the
/// blocks (module classes, each an <see cref="Adaptors.IAdaptableBlock"/> that names the convs adaptors go on), the
/// model (a <see cref="Models.PrunableModel"/> that builds itself from a descriptor and splits its features into segments)
/// and this class, which names the family's architectures and states their fixed facts. The engine's generic parts
/// (ModelZoo, BlockSurgery, AdaptorPlacement, scoring) read those and know no architecture by name.
/// </summary>
public interface IArchitectureFamily
{
    /// <summary>The family's architectures, each under its manifest name (torchvision's where torchvision has it).</summary>
    IReadOnlyList<ArchitectureSpec> Architectures { get; }
}
