using static TorchSharp.torch;

namespace Practise.Core.Models;

/// <summary>
/// A module tree walked as PyTorch walks it: depth first, the module itself first. TorchSharp's named_modules() lists
/// all children before any grandchild and leaves the module out, and its state_dict() lists every parameter before any
/// buffer; depth first is forward order for the models here and the order of PyTorch's state_dict.
/// </summary>
public static class ModuleTree
{
    /// <summary>The module ("") and every descendant with its dotted path, depth first.</summary>
    public static IEnumerable<(string name, nn.Module module)> NamedModules(nn.Module root)
    {
        ArgumentNullException.ThrowIfNull(root);
        yield return ("", root);
        foreach (var (name, child) in root.named_children())
            foreach (var (path, module) in NamedModules(child))
                yield return (Join(name, path), module);
    }

    /// <summary>The state_dict entries in PyTorch's order: module by module, its parameters then its persistent buffers.</summary>
    public static IEnumerable<(string key, Tensor tensor)> StateDictEntries(nn.Module root)
    {
        foreach (var (path, module) in NamedModules(root))
        {
            foreach (var (name, parameter) in module.named_parameters(recurse: false)) yield return (Join(path, name), parameter);
            // Positional: overrides name the second flag differently (include_nonpersistent / include_persistent).
            foreach (var (name, buffer) in module.named_buffers(false, false)) yield return (Join(path, name), buffer);
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : name.Length == 0 ? prefix : $"{prefix}.{name}";
}
