using System.Globalization;
using Practise.Core.Channels;
using Practise.Core.Data;
using Practise.Core.Latency;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using Practise.Manifest;
using static TorchSharp.torch;

// usage: ChannelCompensation [test images] [ratios, e.g. 0.1,0.2]
// The example's teacher (examples/fashion-mnist/practise.yaml, run from the repository root) thinned at each ratio by
// both rankings (docs/channel-pruning.md, section 2), with and without mean compensation, before any finetuning:
// top-1 on the first `test images` test images, and the latency reduction of each ranking's thinned network against the
// teacher in one paired session per ratio (the manifest's latency settings). Statistics from the first 100 training
// images, as the example's tiny set.
const string Datasets = "/usr/share/datasets/fashion-mnist/";
var testCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var ratios = args.Length > 1
    ? args[1].Split(',').Select(ratio => double.Parse(ratio, CultureInfo.InvariantCulture)).ToArray()
    : [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
var manifest = ManifestLoader.Load("examples/fashion-mnist/practise.yaml");
TorchRuntime.Configure(manifest);

using var teacher = TeacherLoader.Load(manifest.Model);
teacher.eval();
using var train = Normalized(ImageSet.FromIdx(Datasets + "train-images-idx3-ubyte.gz", indices: Enumerable.Range(0, 100).ToArray()));
using var test = ImageSet.FromIdx(Datasets + "t10k-images-idx3-ubyte.gz", Datasets + "t10k-labels-idx1-ubyte.gz", Enumerable.Range(0, testCount).ToArray());
using var testImages = Normalized(test);
using var labels = tensor(test.Labels!.ToArray());
var statistics = ChannelStatistics.Collect(teacher, train.split(50));
var gains = ReaderGain.Of(teacher);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"teacher top-1 {100 * Inference.Evaluate(teacher, testImages, labels).Top1:F2}% on {testCount} test images"));
Console.WriteLine("| ratio | ranking | latency reduction (90% interval) | top-1, compensated | top-1, not compensated | difference | kept widths |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
foreach (var ratio in ratios)
{
    var rankings = new[] { ("global", VarianceRanking.SelectGlobal(statistics, gains, ratio)), ("per layer", VarianceRanking.Select(statistics, ratio)) };
    var compensated = rankings.Select(ranking => ChannelSurgery.Prune(teacher, ranking.Item2, compensate: true)).ToList();
    try
    {
        var latency = LatencyMeter.Measure(teacher, compensated.Select(model => (nn.Module<Tensor, Tensor>)model).ToList(), LatencySource.Settings(manifest),
            figures => figures.All(figure => figure.ReductionInterval.High - figure.ReductionInterval.Low < 0.03)).Variants;
        for (var i = 0; i < rankings.Length; i++)
        {
            var (name, pruning) = rankings[i];
            using var plain = ChannelSurgery.Prune(teacher, pruning, compensate: false);
            var (with, without) = (Inference.Evaluate(compensated[i], testImages, labels).Top1, Inference.Evaluate(plain, testImages, labels).Top1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {100 * ratio:F0}% | {name} | {100 * latency[i].Reduction:F1}% [{100 * latency[i].ReductionInterval.Low:F1}, {100 * latency[i].ReductionInterval.High:F1}] | " +
                $"{100 * with:F2}% | {100 * without:F2}% | {100 * (with - without):+0.00;-0.00} pt | {string.Join(" ", pruning.Select(layer => layer.Kept.Count))} |"));
        }
    }
    finally
    {
        foreach (var model in compensated) model.Dispose();
    }
}

// Pixels to the teacher's normalised input (the example's mean and std).
static Tensor Normalized(ImageSet set)
{
    using var scope = NewDisposeScope();
    var images = stack(set.Images).to(float32) / 255.0;
    return ((images - 0.2860) / 0.3530).MoveToOuterDisposeScope();
}
