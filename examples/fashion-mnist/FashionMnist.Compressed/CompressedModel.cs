namespace FashionMnist.Compressed;

/// <summary>Where the build copied the compressed model (PractiseCopyToOutput puts it beside this assembly).</summary>
public static class CompressedModel
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "practise");

    public static string Weights => Path.Combine(Directory, "model.safetensors");
}
