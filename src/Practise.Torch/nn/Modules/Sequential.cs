using static Practise.Torch.torch;

namespace Practise.Torch.Modules;

/// <summary>Runs its children in order; children are named "0", "1", ... unless named explicitly, as in PyTorch.</summary>
public sealed class Sequential : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> layers = [];

    public Sequential(params nn.Module<Tensor, Tensor>[] modules)
    {
        foreach (var module in modules) append(module);
    }

    public Sequential(params (string name, nn.Module<Tensor, Tensor> module)[] modules)
    {
        foreach (var (name, module) in modules)
        {
            layers.Add(module);
            register_module(name, module);
        }
    }

    public int Count => layers.Count;

    public nn.Module<Tensor, Tensor> this[int index] => layers[index];

    public IReadOnlyList<nn.Module<Tensor, Tensor>> Layers => layers;

    public Sequential append(nn.Module<Tensor, Tensor> module)
    {
        register_module(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    /// <summary>Intermediate results are disposed as soon as the next layer has consumed them.</summary>
    public override Tensor forward(Tensor input)
    {
        var current = input;
        foreach (var layer in layers)
        {
            var next = layer.call(current);
            if (!ReferenceEquals(current, input)) current.Dispose();
            current = next;
        }
        return ReferenceEquals(current, input) ? input.alias() : current;
    }
}
