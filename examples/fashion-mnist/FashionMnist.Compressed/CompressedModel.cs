using System.Text.Json;

namespace FashionMnist.Compressed;

/// <summary>
/// The compressed model as the build left it (PractiseCopyToOutput puts the output folder beside this assembly), and
/// what its model.json says about feeding model.onnx.
/// </summary>
public sealed record CompressedModel(string Directory)
{
    public static string Default => Path.Combine(AppContext.BaseDirectory, "practise");

    public string Weights => Path.Combine(Directory, "model.safetensors");

    public string Onnx => Path.Combine(Directory, "model.onnx");

    private JsonElement Input => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "model.json"))).RootElement.GetProperty("onnx").GetProperty("input");

    /// <summary>[batch, channels, height, width]; the batch is symbolic ("batch") and left out.</summary>
    public int[] ImageShape => Input.GetProperty("shape").EnumerateArray().Skip(1).Select(size => size.GetInt32()).ToArray();

    public float[] Mean => Input.GetProperty("mean").EnumerateArray().Select(value => value.GetSingle()).ToArray();

    public float[] Std => Input.GetProperty("std").EnumerateArray().Select(value => value.GetSingle()).ToArray();
}
