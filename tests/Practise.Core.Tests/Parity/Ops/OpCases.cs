using System.Collections;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Parity.Ops;

/// <summary>
/// The C# side of the cases in tests/fixtures/make_ops.py: each name maps to the operation applied to the case's
/// inputs (a, b, ... in order), giving its outputs (out0, out1, ...).
/// </summary>
public sealed class OpCases : IEnumerable<KeyValuePair<string, Func<Tensor[], Tensor[]>>>
{
    private readonly Dictionary<string, Func<Tensor[], Tensor[]>> cases = [];

    public Func<Tensor[], Tensor[]> this[string name] => cases[name];

    public IEnumerable<string> Names => cases.Keys;

    public void Add(string name, Func<Tensor[], Tensor> op) => cases.Add(name, inputs => [op(inputs)]);

    public void Add(string name, Func<Tensor[], (Tensor values, Tensor indexes)> op) =>
        cases.Add(name, inputs =>
        {
            var (values, indexes) = op(inputs);
            return [values, indexes];
        });

    public IEnumerator<KeyValuePair<string, Func<Tensor[], Tensor[]>>> GetEnumerator() => cases.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
