using System.Buffers.Binary;
using System.Text;
using Practise.Core.Serialization;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Serialization;

/// <summary>The strict reader: every malformed file is a SafetensorsException naming the file and the problem.</summary>
public sealed class SafetensorsReaderErrorTests : IDisposable
{
    private readonly TemporaryDirectory directory = new();

    public void Dispose() => directory.Dispose();

    /// <summary>A valid two-tensor file: 8-byte length, header, 16 + 24 data bytes.</summary>
    private static byte[] ValidFile()
    {
        using var scope = NewDisposeScope();
        return Safetensors.Serialize(new Dictionary<string, Tensor> { ["a"] = ones(4), ["b"] = zeros([3], float64) });
    }

    private static byte[] Craft(string header, int dataBytes, ulong? headerLength = null)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, headerLength ?? (ulong)json.Length);
        json.CopyTo(file, 8);
        return file;
    }

    private string Fails(byte[] file, params string[] problem)
    {
        var path = directory.Write("bad.safetensors", file);
        return Fails(path, problem);
    }

    private static string Fails(string path, params string[] problem)
    {
        var error = Assert.Throws<SafetensorsException>(() => Safetensors.Load(path));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path, error.Message);
        foreach (var fragment in problem) Assert.Contains(fragment, error.Message);
        // Metadata reading validates the same header.
        Assert.Equal(error.Message, Assert.Throws<SafetensorsException>(() => Safetensors.ReadMetadata(path)).Message);
        return error.Message;
    }

    [Fact]
    public void TruncationAnywhereIsAnError()
    {
        var file = ValidFile();
        var headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        for (var cut = 0; cut < file.Length; cut++)
        {
            var expected = cut < 8 ? "too short" : cut < headerEnd ? "exceeds" : "data buffer";
            Fails(file[..cut], expected);
        }
    }

    [Fact]
    public void EmptyAndMissingFiles()
    {
        Fails([], "0 bytes", "too short");
        Fails(directory.File("absent.safetensors"), "cannot read");
        Fails(directory.Path, "cannot read");
        Fails("", "cannot read");
        Fails("bad\0name.safetensors", "cannot read");
    }

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 40)]
    [InlineData(17UL)]
    public void HeaderLengthBeyondTheFile(ulong length) => Fails(Craft("{}", 0, headerLength: length), $"header length {length}", "exceeds");

    [Fact]
    public void HeaderOfLengthZeroIsNotJson() => Fails(Craft("", 0), "not valid JSON");

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("{\"a\":1,}", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("\"text\"", "not a JSON object")]
    public void InvalidJson(string header, string problem) => Fails(Craft(header, 8), problem);

    [Fact]
    public void HeaderThatIsNotUtf8() => Fails([.. Craft("{\"a\":", 0), 0xff, 0xfe, (byte)'}'], "not valid JSON");

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "'b' overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "overlaps")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""", 20, "hole of 4 bytes precedes tensor 'b'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 12, "data buffer is 12 bytes but the tensors cover 8")]
    [InlineData("""{}""", 4, "data buffer is 4 bytes but the tensors cover 0")]
    public void OffsetsMustTileTheBuffer(string header, int dataBytes, string problem) => Fails(Craft(header, dataBytes), problem);

    [Theory]
    [InlineData("[0,16]", "[0, 16] fall outside the 8-byte data buffer")]
    [InlineData("[-8,0]", "[-8, 0] fall outside")]
    [InlineData("[8,0]", "[8, 0] fall outside")]
    [InlineData("[9223372036854775807,9223372036854775807]", "fall outside")]
    public void OffsetsOutOfRange(string offsets, string problem) =>
        Fails(Craft($$$"""{"a":{"dtype":"F32","shape":[2],"data_offsets":{{{offsets}}}}}""", 8), "tensor 'a'", problem);

    [Theory]
    [InlineData("F8", "unknown dtype 'F8'")]
    [InlineData("f32", "unknown dtype 'f32'")]
    [InlineData("", "unknown dtype ''")]
    public void UnknownDtype(string dtype, string problem) =>
        Fails(Craft($$$"""{"a":{"dtype":"{{{dtype}}}","shape":[2],"data_offsets":[0,8]}}""", 8), "tensor 'a'", problem);

    [Theory]
    [InlineData("[2,3]", "shape [2, 3] of F32 needs 24 bytes but data_offsets span 8")]
    [InlineData("[]", "needs 4 bytes but data_offsets span 8")]
    [InlineData("[0]", "needs 0 bytes")]
    [InlineData("[-2]", "negative size")]
    [InlineData("[2.5]", "whole numbers")]
    [InlineData("[\"2\"]", "whole numbers")]
    [InlineData("[99999999999999999999]", "whole numbers")]
    [InlineData("[4294967296,4294967296]", "too large")]
    [InlineData("[4611686018427387904]", "too large")]
    public void ShapeMustMatchTheOffsets(string shape, string problem) =>
        Fails(Craft($$$"""{"a":{"dtype":"F32","shape":{{{shape}}},"data_offsets":[0,8]}}""", 8), "tensor 'a'", problem);

    [Theory]
    [InlineData("""{"a":[]}""")]
    [InlineData("""{"a":{"shape":[2],"data_offsets":[0,8]}}""")]
    [InlineData("""{"a":{"dtype":7,"shape":[2],"data_offsets":[0,8]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":2,"data_offsets":[0,8]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8,8]}}""")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""")]
    public void EntriesNeedDtypeShapeAndOffsets(string header) => Fails(Craft(header, 8), "tensor 'a'", "needs 'dtype', 'shape' and two 'data_offsets'");

    [Fact]
    public void DuplicateNamesAreAnError() =>
        Fails(Craft("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "'a' appears twice");

    [Theory]
    [InlineData("""{"__metadata__":[]}""", "'__metadata__' must be an object of strings")]
    [InlineData("""{"__metadata__":{"k":1}}""", "metadata 'k' is not a string")]
    public void MetadataMustBeStrings(string header, string problem) => Fails(Craft(header, 0), problem);

    [Fact]
    public void NamesThatAreNotValidUnicodeAreAnError() =>
        Fails(Craft("""{"\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4), "not valid");

    private const string Structure = "0123456789[]{}\",:-.e \\u";

    [Fact]
    public void RandomCorruptionNeverEscapesAsAnotherException()
    {
        var valid = ValidFile();
        var random = new Random(1234);
        var path = directory.File("fuzz.safetensors");
        for (var trial = 0; trial < 2000; trial++)
        {
            var file = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                // Mostly the length and header, where the structure lives; the data bytes are opaque.
                var at = random.Next(0, trial % 4 == 0 ? file.Length : file.Length - 40);
                file[at] = random.Next(3) == 0 ? (byte)random.Next(256) : (byte)Structure[random.Next(Structure.Length)];
            }
            File.WriteAllBytes(path, file);
            try
            {
                foreach (var tensor in Safetensors.Load(path).Values) tensor.Dispose();
            }
            catch (SafetensorsException error)
            {
                Assert.StartsWith(path, error.Message);
            }
        }
    }
}
