using Practise.Core.Tests.Parity.Ops;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Parity;

/// <summary>Replays every case of tests/fixtures/make_ops.py: outputs, their dtypes, and input gradients.</summary>
public class OpsParityTests
{
    private static readonly Dictionary<string, OpCases> Areas = new()
    {
        ["views"] = ViewCases.All,
        ["math"] = MathCases.All,
        ["reductions"] = ReductionCases.All,
        ["comparisons"] = ComparisonCases.All,
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (area, cases) in Areas)
            foreach (var name in cases.Names) data.Add(area, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string area, string name)
    {
        using var fixture = Fixtures.Load($"ops/{area}.safetensors");
        using var scope = NewDisposeScope();
        var inputNames = "abcd".Select(letter => $"{name}.{letter}").TakeWhile(fixture.Contains).ToArray();
        var inputs = inputNames.Select(input => LeafFor(fixture, input, name)).ToArray();

        var outputs = Areas[area][name](inputs);

        var expectedCount = fixture.Names.Count(n => n.StartsWith($"{name}.out", StringComparison.Ordinal));
        Assert.Equal(expectedCount, outputs.Length);
        for (var i = 0; i < outputs.Length; i++)
        {
            var expected = fixture[$"{name}.out{i}"];
            Assert.Equal(expected.dtype, outputs[i].dtype);
            TensorAssert.Close(expected, outputs[i], what: $"{name}.out{i}");
        }

        if (!fixture.Contains($"{name}.grad_out")) return;
        outputs[0].backward([fixture[$"{name}.grad_out"]]);
        for (var i = 0; i < inputs.Length; i++)
        {
            var gradName = inputNames[i].Replace($"{name}.", $"{name}.grad.", StringComparison.Ordinal);
            if (!fixture.Contains(gradName)) continue;
            var grad = inputs[i].grad;
            Assert.NotNull(grad);
            TensorAssert.Close(fixture[gradName], grad, what: gradName);
        }
    }

    [Fact]
    public void EveryFixtureCaseHasAnOperationAndViceVersa()
    {
        foreach (var (area, cases) in Areas)
        {
            using var fixture = Fixtures.Load($"ops/{area}.safetensors");
            var stored = fixture.Names.Select(n => n[..n.IndexOf('.', StringComparison.Ordinal)]).ToHashSet();
            Assert.Equal(stored.Order(), cases.Names.Order());
        }
    }

    /// <summary>A fresh leaf over the stored input, tracking gradients when PyTorch recorded some for it.</summary>
    private static Tensor LeafFor(FixtureSet fixture, string input, string name)
    {
        var leaf = fixture[input].detach();
        return fixture.Contains(input.Replace($"{name}.", $"{name}.grad.", StringComparison.Ordinal)) ? leaf.requires_grad_() : leaf;
    }
}
