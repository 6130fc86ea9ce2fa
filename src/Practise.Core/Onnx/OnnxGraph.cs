using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace Practise.Core.Onnx;

/// <summary>
/// An ONNX graph under construction: nodes in the order they are added (which is forward order, so the graph is
/// topologically sorted), weights as float32 initializers under their state_dict names. Every name is derived from a
/// module path, never from a counter shared across exports, so the same model always gives the same bytes.
/// </summary>
public sealed class OnnxGraph
{
    private readonly GraphProto graph = new();
    private readonly HashSet<string> names = new(StringComparer.Ordinal);

    internal OnnxGraph(string name) => graph.Name = name;

    /// <summary>A float32 initializer holding a copy of <paramref name="value"/>; returns its name.</summary>
    public string Initializer(string name, Tensor value)
    {
        using var scope = NewDisposeScope();
        using var host = value.detach().to(float32, CPU).contiguous();
        var values = host.data<float>().ToArray();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this host is not");
        var tensor = new TensorProto { Name = Claim(name), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(host.shape);
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar float32 initializer (e.g. Clip's bounds).</summary>
    public string Scalar(string name, float value)
    {
        if (names.Contains(name)) return name;
        using var scalar = tensor(value);
        return Initializer(name, scalar);
    }

    /// <summary>Adds a node whose single output is named after <paramref name="name"/>; returns that output.</summary>
    public string Node(string op, string name, IEnumerable<string> inputs, params (string key, object value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = Claim(name) };
        node.Input.AddRange(inputs);
        node.Output.Add(node.Name);
        node.Attribute.AddRange(attributes.Select(attribute => Attribute(attribute.key, attribute.value)));
        graph.Node.Add(node);
        return node.Name;
    }

    /// <summary>A graph input or output: float32 with a symbolic first dimension ("batch") and fixed others.</summary>
    internal void Input(string name, params long[] fixedDims) => graph.Input.Add(Value(Claim(name), fixedDims));

    internal void Output(string name, string from, params long[] fixedDims)
    {
        // The last node's output is renamed, so the graph's output carries the documented name.
        var last = graph.Node.Last(node => node.Output.Contains(from));
        last.Output[last.Output.IndexOf(from)] = Claim(name);
        graph.Output.Add(Value(name, fixedDims));
    }

    internal GraphProto Build() => graph;

    private string Claim(string name)
    {
        if (!names.Add(name)) throw new InvalidOperationException($"ONNX export: the name '{name}' is used twice");
        return name;
    }

    private static ValueInfoProto Value(string name, long[] fixedDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.AddRange(fixedDims.Select(size => new TensorShapeProto.Types.Dimension { DimValue = size }));
        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } };
        return new ValueInfoProto { Name = name, Type = type };
    }

    private static AttributeProto Attribute(string key, object value)
    {
        var attribute = new AttributeProto { Name = key };
        switch (value)
        {
            case long integer:
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.I = integer;
                break;
            case float real:
                attribute.Type = AttributeProto.Types.AttributeType.Float;
                attribute.F = real;
                break;
            case long[] integers:
                attribute.Type = AttributeProto.Types.AttributeType.Ints;
                attribute.Ints.AddRange(integers);
                break;
            default:
                throw new ArgumentException($"ONNX attribute '{key}': unsupported value type {value.GetType().Name}", nameof(value));
        }
        return attribute;
    }
}
