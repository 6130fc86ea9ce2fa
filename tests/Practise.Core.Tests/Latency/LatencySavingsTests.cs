using Practise.Core.Latency;

namespace Practise.Core.Tests.Latency;

/// <summary>The measurability rule on synthetic per-round samples: deterministic, unlike timings.</summary>
public class LatencySavingsTests
{
    /// <summary>Rounds with a shared drift (background load hits both variants of a round) plus independent noise.</summary>
    private static (LatencyMeasurement Baseline, LatencyMeasurement Variant) Synthetic(int seed, int rounds, double savingMs, string? variantSession = "s")
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var baseline = new double[rounds];
        var variant = new double[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var drift = 6 * Math.Abs(Normal());
            baseline[round] = 30 + drift + Normal();
            variant[round] = 30 - savingMs + drift + Normal();
        }
        return (LatencyMeasurement.FromSamples(baseline, "s"), LatencyMeasurement.FromSamples(variant, variantSession));
    }

    [Fact]
    public void EqualVariantsAreRarelyFlaggedMeasurable()
    {
        // Zero true difference: a one-sided 95% bound should call a gain in about 5% of data sets, not more than 12%.
        var flagged = Enumerable.Range(0, 100).Count(seed =>
        {
            var (baseline, variant) = Synthetic(seed, rounds: 21, savingMs: 0);
            return LatencySavings.Compute(baseline, variant, seed).Measurable;
        });
        Assert.InRange(flagged, 0, 12);
    }

    [Fact]
    public void ZeroMeanPairedDifferencesHaveANonPositiveLowerBound()
    {
        double[] differences = [-0.4, 0.3, -0.1, 0.2, 0.0, -0.3, 0.4, 0.1, -0.2];

        Assert.True(LatencySavings.PairedLowerBound(differences, seed: 1) < 0);
        Assert.Equal(LatencySavings.PairedLowerBound(differences, seed: 1), LatencySavings.PairedLowerBound(differences, seed: 1));
    }

    [Fact]
    public void ASavingWellAboveTheNoiseIsMeasurableWithPositiveTau()
    {
        var (baseline, variant) = Synthetic(seed: 7, rounds: 21, savingMs: 3);

        var saving = LatencySavings.Compute(baseline, variant);

        Assert.True(saving.Paired);
        Assert.True(saving.Measurable);
        Assert.Null(saving.Flag);
        Assert.InRange(saving.Tau, 0.05, 0.15);
        Assert.InRange(saving.DifferenceMs, 2, 4);
        Assert.True(saving.LowerBoundMs > 0 && saving.LowerBoundMs < saving.DifferenceMs);
        Assert.Equal((baseline.MedianMs - variant.MedianMs) / baseline.MedianMs, saving.Tau, 12);
    }

    [Fact]
    public void PairingCancelsDriftThatHidesTheSavingWhenUnpaired()
    {
        // Drift (sd ~3.6 ms) swamps a 1 ms saving between sessions; within rounds it cancels.
        var (baseline, variant) = Synthetic(seed: 3, rounds: 21, savingMs: 1);
        var (_, otherSession) = Synthetic(seed: 3, rounds: 21, savingMs: 1, variantSession: "other");

        Assert.True(LatencySavings.Compute(baseline, variant).Measurable);
        var unpaired = LatencySavings.Compute(baseline, otherSession);
        Assert.False(unpaired.Paired);
        Assert.False(unpaired.Measurable);
        Assert.Equal(LatencySaving.NoMeasurableGain, unpaired.Flag);
    }

    [Fact]
    public void FewerThanFiveRoundsAreNeverMeasurable()
    {
        var baseline = LatencyMeasurement.FromSamples([10, 10, 10, 10], "s");
        var variant = LatencyMeasurement.FromSamples([5, 5, 5, 5], "s");

        var saving = LatencySavings.Compute(baseline, variant);

        Assert.Equal(0.5, saving.Tau);
        Assert.False(saving.Measurable);
        Assert.True(LatencySavings.Compute(
            LatencyMeasurement.FromSamples([10, 10, 10, 10, 10], "s"), LatencyMeasurement.FromSamples([5, 5, 5, 5, 5], "s")).Measurable);
    }

    [Fact]
    public void ASlowerVariantHasNegativeTauAndNoMeasurableGain()
    {
        var (baseline, variant) = Synthetic(seed: 5, rounds: 21, savingMs: -3);

        var saving = LatencySavings.Compute(baseline, variant);

        Assert.True(saving.Tau < 0);
        Assert.False(saving.Measurable);
    }
}
