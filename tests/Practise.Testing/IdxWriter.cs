using static TorchSharp.torch;

namespace Practise.Testing;

/// <summary>Writes uint8 tensors as IDX files (the (Fashion-)MNIST format), so tests can make tiny data sets.</summary>
public static class IdxWriter
{
    public static void Write(string path, Tensor values)
    {
        if (values.dtype != uint8) throw new ArgumentException($"IDX files written here hold uint8, not {values.dtype}", nameof(values));
        var shape = values.shape;
        using var file = System.IO.File.Create(path);
        file.Write([0, 0, 0x08, (byte)shape.Length]);
        foreach (var size in shape)
        {
            var bytes = BitConverter.GetBytes((int)size);
            if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
            file.Write(bytes);
        }
        file.Write(values.contiguous().bytes);
    }
}
