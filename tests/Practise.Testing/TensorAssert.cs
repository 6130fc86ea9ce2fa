using Xunit;
using static TorchSharp.torch;

namespace Practise.Testing;

public static class TensorAssert
{
    /// <summary>
    /// Fails unless shapes match and every element satisfies |actual − expected| ≤ atol + rtol·|expected|
    /// (numpy's allclose), reporting the worst element.
    /// </summary>
    public static void Close(Tensor expected, Tensor actual, double rtol = 1e-5, double atol = 1e-6, string? what = null)
    {
        var label = what is null ? "" : $"{what}: ";
        Assert.True(expected.shape.SequenceEqual(actual.shape),
            $"{label}shape [{string.Join(", ", actual.shape)}] differs from expected [{string.Join(", ", expected.shape)}]");
        var want = ToDoubles(expected);
        var got = ToDoubles(actual);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < want.Length; i++)
        {
            var excess = Math.Abs(got[i] - want[i]) - (atol + rtol * Math.Abs(want[i]));
            if (excess > worstExcess || double.IsNaN(got[i]) != double.IsNaN(want[i]))
            {
                worst = i;
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
            }
        }
        Assert.True(worst < 0,
            worst < 0 ? "" : $"{label}element {worst} is {got[worst]:R}, expected {want[worst]:R} (rtol {rtol}, atol {atol})");
    }

    private static double[] ToDoubles(Tensor tensor)
    {
        using var detached = tensor.detach();
        using var asDouble = detached.to_type(float64);
        return asDouble.data<double>().ToArray();
    }
}
