using static TorchSharp.torch;

namespace Practise.Core.Serialization;

/// <summary>The element types that both safetensors and TorchSharp know, by the format's name, with their sizes.</summary>
internal static class SafetensorsDtypes
{
    private static readonly (string Name, ScalarType Type, int Size)[] Known =
    [
        ("F32", ScalarType.Float32, 4),
        ("F64", ScalarType.Float64, 8),
        ("F16", ScalarType.Float16, 2),
        ("BF16", ScalarType.BFloat16, 2),
        ("I64", ScalarType.Int64, 8),
        ("I32", ScalarType.Int32, 4),
        ("I16", ScalarType.Int16, 2),
        ("I8", ScalarType.Int8, 1),
        ("U8", ScalarType.Byte, 1),
        ("BOOL", ScalarType.Bool, 1),
    ];

    public static string SupportedNames { get; } = string.Join(", ", Known.Select(known => known.Name));

    /// <summary>The element type and its size in bytes for a header's dtype name (case-sensitive, as the format is).</summary>
    public static bool TryParse(string name, out ScalarType type, out int elementSize)
    {
        foreach (var known in Known)
        {
            if (known.Name != name) continue;
            (type, elementSize) = (known.Type, known.Size);
            return true;
        }
        (type, elementSize) = (default, 0);
        return false;
    }

    public static string NameOf(ScalarType type)
    {
        foreach (var known in Known)
        {
            if (known.Type == type) return known.Name;
        }
        throw new NotSupportedException($"safetensors has no name for {type}");
    }
}
