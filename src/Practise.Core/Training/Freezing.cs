using static TorchSharp.torch;

namespace Practise.Core.Training;

public static class Freezing
{
    /// <summary>Stops weight gradients for every parameter of a module (frozen layers still pass input gradients).</summary>
    public static void Freeze(nn.Module module)
    {
        foreach (var parameter in module.parameters()) parameter.requires_grad = false;
    }
}
