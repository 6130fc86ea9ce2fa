using static TorchSharp.torch;

namespace Practise.Testing;

/// <summary>
/// Checks an op's forward and backward against a fixture laid out as the make_*.py gradient cases write it:
/// "output", "grad_output", "&lt;name&gt;_grad" for each differentiable input (input, weight, bias) and
/// "&lt;name&gt;_after" for buffers the op updates in place (batch norm's running stats).
/// </summary>
public static class GradientParity
{
    private static readonly string[] Differentiable = ["input", "weight", "bias"];
    private static readonly string[] Buffers = ["running_mean", "running_var"];

    public static void Check(string fixture, Func<FixtureSet, Tensor> op, double rtol = 1e-5, double atol = 1e-6)
    {
        using var scope = NewDisposeScope();
        using var set = Fixtures.Load(fixture);
        var inputs = Differentiable.Where(name => set.Contains(name + "_grad")).ToArray();
        foreach (var name in inputs) set[name].requires_grad_();

        var output = op(set);
        TensorAssert.Close(set["output"], output, rtol, atol, $"{fixture} output");
        foreach (var name in Buffers.Where(name => set.Contains(name + "_after")))
            TensorAssert.Close(set[name + "_after"], set[name], rtol, atol, $"{fixture} {name} after the op");

        output.backward([set["grad_output"]]);
        foreach (var name in inputs)
        {
            var grad = set[name].grad ?? throw new Xunit.Sdk.XunitException($"{fixture}: {name} received no gradient");
            TensorAssert.Close(set[name + "_grad"], grad, rtol, atol, $"{fixture} {name}.grad");
        }
    }

    /// <summary>The named tensor, or null when the fixture has none (an op called without bias, say).</summary>
    public static Tensor? Optional(this FixtureSet set, string name) => set.Contains(name) ? set[name] : null;
}
