namespace Practise.Torch;

public static partial class torch
{
    /// <summary>Element types; the values are libtorch's c10::ScalarType codes, passed through the ABI unchanged.</summary>
    public enum ScalarType
    {
        Byte = 0,
        Int8 = 1,
        Int16 = 2,
        Int32 = 3,
        Int64 = 4,
        Float16 = 5,
        Float32 = 6,
        Float64 = 7,
        Bool = 11,
        BFloat16 = 15,
    }

    public const ScalarType uint8 = ScalarType.Byte;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float16 = ScalarType.Float16;
    public const ScalarType bfloat16 = ScalarType.BFloat16;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    /// <summary>Bytes per element, used to size host copies.</summary>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unsupported scalar type"),
    };

    /// <summary>The scalar type of a host element type (float → Float32, ...).</summary>
    public static ScalarType ScalarTypeOf<T>() where T : unmanaged => default(T) switch
    {
        byte => ScalarType.Byte,
        sbyte => ScalarType.Int8,
        short => ScalarType.Int16,
        int => ScalarType.Int32,
        long => ScalarType.Int64,
        Half => ScalarType.Float16,
        float => ScalarType.Float32,
        double => ScalarType.Float64,
        bool => ScalarType.Bool,
        _ => throw new NotSupportedException($"{typeof(T).Name} has no tensor element type"),
    };
}
