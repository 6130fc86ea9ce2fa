namespace Practise.Core.Training;

/// <summary>
/// PyTorch's learning-rate schedulers as pure functions of the step (the scheduler's last_epoch: 0 before the first
/// scheduler.step()). TorchSharp's schedulers are objects that mutate an optimizer; a pure function is what a training
/// loop that resumes at any iteration needs. Each uses PyTorch's closed form, equal to its chained updates up to rounding.
/// </summary>
public static class LearningRateSchedules
{
    /// <summary>MultiStepLR: decays by gamma at each milestone reached (a repeated milestone decays once per repeat).</summary>
    public static double MultiStep(int step, double baseLr, IReadOnlyList<int> milestones, double gamma)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentNullException.ThrowIfNull(milestones);
        return baseLr * Math.Pow(gamma, milestones.Count(milestone => milestone <= step));
    }

    /// <summary>
    /// OneCycleLR with cosine annealing (two phases): from maxLr/divFactor up to maxLr over the first pctStart of
    /// totalSteps, then down to maxLr/divFactor/finalDivFactor at step totalSteps − 1.
    /// </summary>
    public static double OneCycle(int step, int totalSteps, double maxLr, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        if (!(pctStart >= 0 && pctStart <= 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be in [0, 1]");
        // PyTorch allows stepping to totalSteps itself and fails after.
        if (step > totalSteps) throw new ArgumentOutOfRangeException(nameof(step), step, $"step {step} is past totalSteps {totalSteps}");
        var initialLr = maxLr / divFactor;
        var minLr = initialLr / finalDivFactor;
        var warmupEnd = (pctStart * totalSteps) - 1;
        if (step <= warmupEnd) return AnnealCos(initialLr, maxLr, step / warmupEnd);
        return AnnealCos(maxLr, minLr, (step - warmupEnd) / (totalSteps - 1 - warmupEnd));
    }

    /// <summary>
    /// DeepInversion's lr_cosine_policy: a linear warm-up to baseLr over the first <paramref name="warmup"/> steps
    /// (reaching baseLr at step warmup − 1), then a cosine from baseLr towards 0 over the remaining ones.
    /// </summary>
    public static double CosineWithWarmup(int step, int totalSteps, double baseLr, int warmup)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(warmup, Math.Max(totalSteps, 1));
        if (step < warmup) return baseLr * (step + 1) / warmup;
        return 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / (totalSteps - warmup))) * baseLr;
    }

    // Written as PyTorch's _annealing_cos so the rounding matches.
    private static double AnnealCos(double start, double end, double pct) => end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1));
}
