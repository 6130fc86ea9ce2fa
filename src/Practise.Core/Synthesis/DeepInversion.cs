using Practise.Core.Data;
using Practise.Core.Training;
using Practise.Manifest;
using Practise.Manifest.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Practise.Core.Synthesis;

/// <summary>One synthesised batch: uint8 pixels N×C×H×W on the CPU (owned by the caller) and the last step's loss.</summary>
public sealed record SynthesizedBatch(Tensor Pixels, double Loss);

/// <summary>
/// DeepInversion (Yin et al., CVPR 2020) without its adaptive-inversion part: a batch of inputs starts as seeded
/// Gaussian noise and is optimised with Adam so that, through the frozen teacher in eval mode, it is classified as its
/// target classes and every BatchNorm layer sees its stored running statistics; total-variation and L2 priors keep it
/// image-like. Each step shifts the batch by a random jitter (rolled, so nothing is cropped) and flips it half the
/// time, so the images do not overfit one alignment. Inputs are clipped after each step to what a pixel in [0, 1]
/// normalises to. docs/data-free.md has the loss and the defaults.
/// </summary>
public sealed class DeepInversion : IDisposable
{
    private const ulong StartPurpose = 0x5EED_0001, JitterPurpose = 0x5EED_0002;

    private readonly nn.Module<Tensor, Tensor> teacher;
    private readonly SyntheticSource settings;
    private readonly InputSettings input;
    private readonly Normalization normalization;
    private readonly Device device;
    private readonly BatchNormStatisticsLoss statistics;
    private readonly List<(Parameter Parameter, bool RequiresGrad)> frozen;
    private readonly bool wasTraining;

    /// <param name="teacher">On <paramref name="device"/>; frozen and in eval mode while this object lives, restored after.</param>
    public DeepInversion(nn.Module<Tensor, Tensor> teacher, SyntheticSource settings, InputSettings input, Device device)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(input);
        (this.teacher, this.settings, this.input, this.device) = (teacher, settings, input, device);
        normalization = new Normalization(input.Mean, input.Std);
        statistics = new BatchNormStatisticsLoss(teacher);
        if (statistics.Layers == 0)
        {
            statistics.Dispose();
            throw new ArgumentException("the model has no BatchNorm2d layer, so DeepInversion has no statistics to match", nameof(teacher));
        }
        wasTraining = teacher.training;
        teacher.eval();
        frozen = teacher.parameters().Select(parameter => (parameter, parameter.requires_grad)).ToList();
        Freezing.Freeze(teacher);
    }

    /// <summary>Batch <paramref name="batch"/> of a set: its own noise and jitter streams, so batches are independent and any one can be redone alone.</summary>
    /// <param name="stepDone">Told each finished step (1-based), for progress.</param>
    public SynthesizedBatch Run(int batch, IReadOnlyList<long> targets, Action<int>? stepDone = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var shape = new long[] { targets.Count, input.Channels, input.Size.Height, input.Size.Width };
        using var images = StartingImages(shape, batch);
        using var labels = tensor(targets.ToArray()).to(device);
        using var optimizer = optim.Adam([images], lr: settings.Lr, beta1: 0.5, beta2: 0.9, eps: 1e-8);
        var (low, high) = PixelImages.Bounds(normalization, device);
        using var lowBound = low;
        using var highBound = high;
        var random = new SplitMix64(GaussianNoise.Stream(settings.Seed, batch, JitterPurpose));
        int shiftRows = (int)Math.Round(settings.Jitter * input.Size.Height), shiftColumns = (int)Math.Round(settings.Jitter * input.Size.Width);
        var loss = double.NaN;
        for (var step = 0; step < settings.Steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using (var scope = NewDisposeScope())
            {
                optimizer.SetLearningRate(LearningRateSchedules.CosineWithWarmup(step, settings.Steps, settings.Lr, settings.Steps / 20));
                var jittered = images.roll([Shift(random, shiftRows), Shift(random, shiftColumns)], [2, 3]);
                if ((random.Next() & 1) == 1) jittered = jittered.flip(3);
                var logits = teacher.call(jittered);
                var total = F.cross_entropy(logits, labels)
                    .add(statistics.Take().mul(settings.BnWeight))
                    .add(ImagePriors.TotalVariation(jittered).mul(settings.TvWeight))
                    .add(ImagePriors.L2(jittered).mul(settings.L2Weight));
                optimizer.zero_grad();
                total.backward();
                optimizer.step();
                using (no_grad()) images.copy_(images.maximum(lowBound).minimum(highBound));
                // Reading a loss waits for the device: only the last one is read.
                if (step == settings.Steps - 1) loss = total.ToDouble();
            }
            stepDone?.Invoke(step + 1);
            NativeGarbage.CollectYoung();
        }
        return new SynthesizedBatch(PixelImages.ToPixels(images, normalization), loss);
    }

    public void Dispose()
    {
        statistics.Dispose();
        foreach (var (parameter, requiresGrad) in frozen) parameter.requires_grad = requiresGrad;
        teacher.train(wasTraining);
    }

    /// <summary>DeepInversion's torch.randn start, drawn from the batch's own stream, as the one parameter Adam moves.</summary>
    private Parameter StartingImages(long[] shape, int batch)
    {
        using var scope = NewDisposeScope();
        var start = GaussianNoise.Sample(shape, GaussianNoise.Stream(settings.Seed, batch, StartPurpose)).to(device);
        // The Parameter takes the tensor's place in the scope; the batch outlives it.
        return (Parameter)new Parameter(start).DetachFromDisposeScope();
    }

    /// <summary>An offset uniform in [−limit, limit], as DeepInversion's random.randint(−lim, lim).</summary>
    private static long Shift(SplitMix64 random, int limit) => (long)random.NextBelow((ulong)(2 * limit + 1)) - limit;
}
