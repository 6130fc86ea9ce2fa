using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Practise.Core.Onnx;

/// <summary>
/// A module whose forward is more than running its children in order (a residual block, a whole model): it writes
/// the ONNX nodes of its own forward, and reaches its children through <see cref="OnnxModules.Emit"/>.
/// </summary>
public interface IOnnxExportable
{
    /// <summary>Adds this module's forward to the graph at module path <paramref name="path"/>; returns the output's name.</summary>
    string ToOnnx(OnnxGraph graph, string input, string path);
}

/// <summary>
/// TorchSharp's layers as ONNX opset-13 nodes, each named by its module path and its weights by their state_dict
/// names, so the exported graph reads like the model's state_dict. Only the layers the built-in architectures use are
/// known; anything else is refused with its path rather than exported wrongly.
/// </summary>
public static class OnnxModules
{
    /// <summary>Adds <paramref name="module"/> at <paramref name="path"/> to the graph; returns its output's name.</summary>
    public static string Emit(this OnnxGraph graph, nn.Module module, string input, string path) => module switch
    {
        IOnnxExportable custom => custom.ToOnnx(graph, input, path),
        Sequential sequential => sequential.named_children().Aggregate(input, (x, child) => graph.Emit(child.module, x, Join(path, child.name))),
        Conv2d conv => Conv(graph, conv, input, path),
        BatchNorm2d norm => graph.Node("BatchNormalization", path,
            [input, graph.Initializer($"{path}.weight", norm.weight!), graph.Initializer($"{path}.bias", norm.bias!),
                graph.Initializer($"{path}.running_mean", norm.running_mean!), graph.Initializer($"{path}.running_var", norm.running_var!)],
            ("epsilon", (float)norm.eps)),
        ReLU => graph.Node("Relu", path, [input]),
        ReLU6 => graph.Node("Clip", path, [input, graph.Scalar("relu6.min", 0f), graph.Scalar("relu6.max", 6f)]),
        MaxPool2d pool => MaxPool(graph, pool, input, path),
        // Dropout is the identity in eval mode, and exports are for inference.
        Dropout => input,
        Linear linear => graph.Node("Gemm", path,
            linear.bias is null
                ? [input, graph.Initializer($"{path}.weight", linear.weight)]
                : [input, graph.Initializer($"{path}.weight", linear.weight), graph.Initializer($"{path}.bias", linear.bias)],
            ("transB", 1L)),
        _ => throw new NotSupportedException($"ONNX export: no mapping for the {module.GetType().Name} at '{path}'"),
    };

    /// <summary>Element-wise sum (a residual connection), named after the block it closes.</summary>
    public static string Add(this OnnxGraph graph, string left, string right, string path) => graph.Node("Add", $"{path}.add", [left, right]);

    /// <summary>A functional ReLU (one not held as a module, or a module reused twice in one forward).</summary>
    public static string Relu(this OnnxGraph graph, string input, string name) => graph.Node("Relu", name, [input]);

    /// <summary>Modules applied one after another, as named fields of <paramref name="path"/>.</summary>
    public static string Chain(this OnnxGraph graph, string input, string path, params (string name, nn.Module module)[] modules) =>
        modules.Aggregate(input, (x, field) => graph.Emit(field.module, x, Join(path, field.name)));

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Conv(OnnxGraph graph, Conv2d conv, string input, string path)
    {
        if (conv.padding is not { } padding || conv.padding_mode != PaddingModes.Zeros)
            throw new NotSupportedException($"ONNX export: the conv at '{path}' needs explicit zero padding");
        IEnumerable<string> inputs = conv.bias is null
            ? [input, graph.Initializer($"{path}.weight", conv.weight)]
            : [input, graph.Initializer($"{path}.weight", conv.weight), graph.Initializer($"{path}.bias", conv.bias)];
        return graph.Node("Conv", path, inputs,
            ("kernel_shape", conv.kernel_size), ("strides", conv.stride), ("pads", Twice(padding)),
            ("dilations", conv.dilation), ("group", conv.groups));
    }

    /// <summary>ONNX pads list every axis's start, then every axis's end; torch pads both ends alike.</summary>
    private static long[] Twice(long[] padding) => [.. padding, .. padding];

    private static string MaxPool(OnnxGraph graph, MaxPool2d pool, string input, string path)
    {
        var padding = pool.padding ?? new long[pool.kernel_size.Length];
        return graph.Node("MaxPool", path, [input],
            ("kernel_shape", pool.kernel_size), ("strides", pool.stride ?? pool.kernel_size), ("pads", Twice(padding)),
            ("dilations", pool.dilation ?? Enumerable.Repeat(1L, pool.kernel_size.Length).ToArray()), ("ceil_mode", pool.ceil_mode ? 1L : 0L));
    }
}
