namespace Practise.Torch;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>
        /// PyTorch's learning-rate schedulers as pure functions of the step (the scheduler's last_epoch, 0 before the
        /// first scheduler.step()): set optimizer.LearningRate from them before each step. Each uses the scheduler's
        /// closed form, which equals PyTorch's chained updates up to rounding.
        /// </summary>
        public static class lr_scheduler
        {
            /// <summary>Decays by gamma every stepSize steps.</summary>
            public static double StepLR(int step, double baseLr, int stepSize, double gamma)
            {
                CheckStep(step);
                if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "stepSize must be positive");
                return baseLr * Math.Pow(gamma, step / stepSize);
            }

            /// <summary>Decays by gamma at each milestone reached (a repeated milestone decays once per repeat, as PyTorch's Counter).</summary>
            public static double MultiStepLR(int step, double baseLr, IReadOnlyList<int> milestones, double gamma)
            {
                CheckStep(step);
                return baseLr * Math.Pow(gamma, milestones.Count(milestone => milestone <= step));
            }

            /// <summary>Cosine from baseLr down to etaMin over tMax steps, then back up (PyTorch's periodic continuation).</summary>
            public static double CosineAnnealingLR(int step, double baseLr, int tMax, double etaMin = 0)
            {
                CheckStep(step);
                if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "tMax must be positive");
                return etaMin + (baseLr - etaMin) * (1 + Math.Cos(Math.PI * step / tMax)) / 2;
            }

            /// <summary>
            /// The 1cycle policy with cosine annealing (two phases): from maxLr/divFactor up to maxLr over the first
            /// pctStart of totalSteps, then down to maxLr/divFactor/finalDivFactor at step totalSteps − 1.
            /// </summary>
            public static double OneCycleLR(int step, int totalSteps, double maxLr, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4)
            {
                CheckStep(step);
                if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "totalSteps must be positive");
                if (!(pctStart >= 0 && pctStart <= 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "pctStart must be in [0, 1]");
                // PyTorch allows stepping to totalSteps itself and fails after.
                if (step > totalSteps) throw new ArgumentOutOfRangeException(nameof(step), step, $"step {step} is past totalSteps {totalSteps}");
                var initialLr = maxLr / divFactor;
                var minLr = initialLr / finalDivFactor;
                var warmupEnd = pctStart * totalSteps - 1;
                if (step <= warmupEnd) return AnnealCos(initialLr, maxLr, step / warmupEnd);
                return AnnealCos(maxLr, minLr, (step - warmupEnd) / (totalSteps - 1 - warmupEnd));
            }

            // Written as PyTorch's _annealing_cos so the rounding matches.
            private static double AnnealCos(double start, double end, double pct) => end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1);

            private static void CheckStep(int step)
            {
                if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0");
            }
        }
    }
}
