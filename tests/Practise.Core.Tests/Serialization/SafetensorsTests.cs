using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Practise.Core.Serialization;
using Practise.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Serialization;

/// <summary>The safetensors writer and reader against files PyTorch wrote (tests/fixtures/make_safetensors.py).</summary>
public sealed class SafetensorsTests : IDisposable
{
    // Every element type the format and TorchSharp share; TorchSharp's enum also has complex and quantized types.
    private static readonly ScalarType[] FormatTypes =
    [
        ScalarType.Byte, ScalarType.Int8, ScalarType.Int16, ScalarType.Int32, ScalarType.Int64,
        ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float32, ScalarType.Float64, ScalarType.Bool,
    ];

    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void RoundTripsEveryDtypeBitForBit()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>();
        foreach (var type in FormatTypes)
        {
            var size = ElementSize(type);
            // Bool storage must hold 0/1; every other type takes arbitrary bit patterns (NaN payloads included).
            var bytes = Enumerable.Range(0, 6 * size).Select(i => (byte)(type == ScalarType.Bool ? i % 2 : (i * 37 + 11) % 256)).ToArray();
            tensors[$"{type}"] = FromBytes(bytes, type, 2, 3);
            tensors[$"{type}.scalar"] = FromBytes(bytes[..size], type);
            tensors[$"{type}.empty"] = FromBytes([], type, 0, 4);
        }
        var path = directory.File("all.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode \"quoted\"" };
        Safetensors.Save(path, tensors, metadata);

        var loaded = Safetensors.Load(path);
        try
        {
            Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
            foreach (var (name, original) in tensors)
            {
                Assert.Equal(original.dtype, loaded[name].dtype);
                Assert.Equal(original.shape, loaded[name].shape);
                Assert.Equal(original.bytes.ToArray(), loaded[name].bytes.ToArray());
            }
        }
        finally
        {
            foreach (var tensor in loaded.Values) tensor.Dispose();
        }
        Assert.Equal(metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal), Safetensors.ReadMetadata(path).OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void ReadsEveryDtypeFromAPyTorchFile()
    {
        using var scope = NewDisposeScope();
        using var file = Fixtures.Load("safetensors/dtypes.safetensors");
        AssertTensor(file["f32"], float32, [3, 4], Enumerable.Range(0, 12).Select(k => 0.25f * k - 1.5f).ToArray());
        AssertTensor(file["f64"], float64, [6], Enumerable.Range(0, 6).Select(k => k * 0.1).ToArray());
        AssertTensor(file["i64"], int64, [6], [-(1L << 62), -1, 0, 1, (1L << 40) + 7, long.MaxValue]);
        AssertTensor(file["i32"], int32, [4], [int.MinValue, -1, 0, int.MaxValue]);
        AssertTensor(file["u8"], uint8, [16], Enumerable.Range(0, 16).Select(k => (byte)(17 * k)).ToArray());
        AssertTensor(file["bool"], @bool, [4], [true, false, false, true]);

        var special = file["f32.special"].data<float>().ToArray();
        Assert.Equal([float.PositiveInfinity, float.NegativeInfinity], special[..2]);
        Assert.True(float.IsNaN(special[2]));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(special[3]));
        Assert.Equal([float.Epsilon, float.MaxValue], special[4..]);

        var quarters = Enumerable.Range(-8, 16).Select(k => 0.25f * k).ToArray();
        foreach (var (name, type, shape) in new[] { ("f16", float16, new long[] { 2, 8 }), ("bf16", bfloat16, [4, 4]) })
        {
            Assert.Equal(type, file[name].dtype);
            AssertTensor(file[name].to_type(float32), float32, shape, quarters);
            TensorAssert.Close(file[$"{name}.random.as_f32"], file[$"{name}.random"].to_type(float32), rtol: 0, atol: 0, what: name);
        }
    }

    [Fact]
    public void WriterIsReproducibleSortedAndPadded()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["zeta"] = ones(3),
            ["alpha.weight"] = zeros(2, 2),
            ["Beta"] = arange(5),
            ["alpha"] = full([1], 7.0, float64),
        };
        var first = Safetensors.Serialize(tensors);
        Assert.Equal(first, Safetensors.Serialize(new Dictionary<string, Tensor>(tensors.Reverse())));
        var path = directory.File("twice.safetensors");
        Safetensors.Save(path, tensors);
        var saved = File.ReadAllBytes(path);
        Safetensors.Save(path, tensors);
        Assert.Equal(saved, File.ReadAllBytes(path));
        Assert.Equal(first, saved);

        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(first);
        Assert.Equal(0, headerLength % 8);
        var header = Encoding.ASCII.GetString(first, 8, headerLength);
        Assert.Equal(header.TrimEnd(' ').Length, header.TrimEnd().Length);
        using var json = JsonDocument.Parse(header);
        Assert.Equal(["Beta", "alpha", "alpha.weight", "zeta"], json.RootElement.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public void WriterBytesEqualPythonFixtureWriter()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["layer3.1.conv2.weight"] = tensor(Enumerable.Range(0, 24).Select(k => k - 10f).ToArray(), 2, 3, 2, 2),
            ["fc.bias"] = tensor(new[] { 1.5, -2.0 }),
            ["Upper.case"] = tensor(new[] { 7L }),
            ["scalar"] = tensor(3.25f),
            ["empty"] = zeros(0),
            ["empty.2d"] = zeros([2, 0], int32),
            ["mask"] = tensor(new[] { true, false, false, true }, 2, 2),
            ["odd <&>'+\"\\/\t name"] = tensor(new byte[] { 1, 2, 3 }),
            ["caf\u00e9.\u4e2d\U0001F600"] = tensor(new[] { (Half)0.5 }),
        };
        Assert.Equal(File.ReadAllBytes(Fixtures.PathOf("safetensors/reference.safetensors")), Safetensors.Serialize(tensors));
    }

    [Fact]
    public void WriterTakesAnyLayoutAsItsRowMajorValues()
    {
        using var scope = NewDisposeScope();
        var matrix = arange(6, dtype: float32).reshape(2, 3);
        var transposed = matrix.t();
        Assert.False(transposed.is_contiguous());
        Assert.Equal(
            Safetensors.Serialize(new Dictionary<string, Tensor> { ["m"] = transposed.contiguous() }),
            Safetensors.Serialize(new Dictionary<string, Tensor> { ["m"] = transposed }));
    }

    [Theory]
    [InlineData("safetensors/dtypes.safetensors")]
    [InlineData("safetensors/reference.safetensors")]
    public void RewritingAPyTorchFileReproducesItsBytes(string fixture)
    {
        var path = Fixtures.PathOf(fixture);
        var tensors = Safetensors.Load(path);
        try
        {
            Assert.Equal(File.ReadAllBytes(path), Safetensors.Serialize(tensors));
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    [Fact]
    public void LoadedTensorsBelongToTheCallerNotItsDisposeScope()
    {
        Dictionary<string, Tensor> tensors;
        using (NewDisposeScope())
        {
            tensors = Safetensors.Load(Fixtures.PathOf("safetensors/reference.safetensors"));
        }
        try
        {
            Assert.All(tensors.Values, tensor => Assert.False(tensor.IsInvalid));
            Assert.Equal([1, 2, 3], tensors["odd <&>'+\"\\/\t name"].data<byte>().ToArray());
        }
        finally
        {
            foreach (var tensor in tensors.Values) tensor.Dispose();
        }
    }

    [Fact]
    public void ReadingAndWritingLeaveNoTensorAlive()
    {
        // TorchSharp counts live tensors per thread; the old bridge's process-wide torch.LiveTensors.Count is gone.
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        var path = Fixtures.PathOf("safetensors/dtypes.safetensors");
        var before = statistics.ThreadTotalLiveCount;
        var tensors = Safetensors.Load(path);
        Assert.Equal(before + tensors.Count, statistics.ThreadTotalLiveCount);
        Safetensors.Serialize(tensors);
        foreach (var tensor in tensors.Values) tensor.Dispose();
        Assert.Equal(before, statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void WriterRejectsTheMetadataKeyAsATensorName()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() => Safetensors.Serialize(new Dictionary<string, Tensor> { ["__metadata__"] = zeros(1) }));
        Assert.Contains("reserved", error.Message);
    }

    [Fact]
    public void WriterRejectsTypesTheFormatCannotName()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<NotSupportedException>(() => Safetensors.Serialize(new Dictionary<string, Tensor> { ["z"] = zeros(1, dtype: complex64) }));
        Assert.Contains("ComplexFloat32", error.Message);
    }

    private static int ElementSize(ScalarType type)
    {
        using var probe = empty(0, dtype: type);
        return (int)probe.ElementSize;
    }

    /// <summary>A tensor of any element type from its raw little-endian bytes.</summary>
    private static Tensor FromBytes(byte[] bytes, ScalarType type, params long[] shape)
    {
        var tensor = empty(shape, dtype: type);
        tensor.bytes = bytes;
        return tensor;
    }

    private static void AssertTensor<T>(Tensor actual, ScalarType dtype, long[] shape, T[] values) where T : unmanaged
    {
        Assert.Equal(dtype, actual.dtype);
        Assert.Equal(shape, actual.shape);
        Assert.Equal(values, actual.data<T>().ToArray());
    }
}
