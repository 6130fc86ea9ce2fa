namespace Practise.Core.Selection;

/// <summary>
/// What the single-block savings predict for prefixes of the ranking: the reduction of dropping the first k blocks
/// is the sum of their τ (additive), and a least-squares factor α through the origin fitted to the measured prefixes
/// tells how far the blocks interact (α ≈ 1: additive; α &lt; 1: dropping several saves less than the sum). The
/// prediction comes from a separate session than the prefixes', which is what makes it a check on them.
/// </summary>
public sealed record LatencyPrediction(IReadOnlyList<double> Additive, double Interaction)
{
    /// <param name="taus">τ of each ranked block, in ranked order.</param>
    /// <param name="measured">Measured reduction of each prefix of size 1, 2, … (as many as were measured, may be empty).</param>
    public static LatencyPrediction From(IReadOnlyList<double> taus, IReadOnlyList<(int Size, double Reduction)> measured)
    {
        ArgumentNullException.ThrowIfNull(taus);
        ArgumentNullException.ThrowIfNull(measured);
        var additive = new double[taus.Count];
        for (var k = 0; k < taus.Count; k++) additive[k] = (k == 0 ? 0 : additive[k - 1]) + taus[k];
        var (products, squares) = (0.0, 0.0);
        foreach (var (size, reduction) in measured)
        {
            products += reduction * additive[size - 1];
            squares += additive[size - 1] * additive[size - 1];
        }
        return new LatencyPrediction(additive, squares > 0 ? products / squares : 1);
    }

    /// <summary>The predicted reduction of the first <paramref name="size"/> blocks, interaction included.</summary>
    public double Reduction(int size) => Interaction * Additive[size - 1];

    /// <summary>The fewest blocks whose additive prediction reaches <paramref name="required"/>; null when even all of them do not.</summary>
    public int? BlocksFor(double required)
    {
        for (var k = 0; k < Additive.Count; k++)
            if (Additive[k] >= required) return k + 1;
        return null;
    }
}
