using System.Globalization;
using Practise.Core.Channels;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Pipeline;
using static TorchSharp.torch;

// usage: ChannelCompensation <teacher.safetensors> [test images] [ratios, e.g. 0.1,0.2]
// Statistics from the first 100 Fashion-MNIST training images (as the example's tiny set), top-1 on the first
// `test images` test images; the teacher is the example's resnet32_cifar.
const string Datasets = "/usr/share/datasets/fashion-mnist/";
var weights = args.Length > 0 ? args[0] : "examples/fashion-mnist/teacher.safetensors";
var testCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var ratios = args.Length > 2
    ? args[2].Split(',').Select(ratio => double.Parse(ratio, CultureInfo.InvariantCulture)).ToArray()
    : [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
set_num_threads(2);

using var teacher = TeacherLoader.Load("resnet32_cifar", weights, 10, 1);
teacher.eval();
using var train = Normalized(ImageSet.FromIdx(Datasets + "train-images-idx3-ubyte.gz", indices: Enumerable.Range(0, 100).ToArray()));
using var test = ImageSet.FromIdx(Datasets + "t10k-images-idx3-ubyte.gz", Datasets + "t10k-labels-idx1-ubyte.gz", Enumerable.Range(0, testCount).ToArray());
using var testImages = Normalized(test);
using var labels = tensor(test.Labels!.ToArray());
var statistics = ChannelStatistics.Collect(teacher, train.split(50));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"teacher top-1 {100 * Inference.Evaluate(teacher, testImages, labels).Top1:F2}% on {testCount} test images"));
Console.WriteLine("| ratio | channels removed | top-1, compensated | top-1, not compensated | difference |");
Console.WriteLine("| --- | --- | --- | --- | --- |");
foreach (var ratio in ratios)
{
    var pruning = VarianceRanking.Select(statistics, ratio);
    using var compensated = ChannelSurgery.Prune(teacher, pruning, compensate: true);
    using var plain = ChannelSurgery.Prune(teacher, pruning, compensate: false);
    var (with, without) = (Inference.Evaluate(compensated, testImages, labels).Top1, Inference.Evaluate(plain, testImages, labels).Top1);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {100 * ratio:F0}% | {pruning.Sum(layer => layer.Removed.Count)} of {pruning.Sum(layer => layer.Removed.Count + layer.Kept.Count)} | {100 * with:F2}% | {100 * without:F2}% | {100 * (with - without):+0.00;-0.00} pt |"));
}

// Pixels to the teacher's normalised input (the example's mean and std).
static Tensor Normalized(ImageSet set)
{
    using var scope = NewDisposeScope();
    var images = stack(set.Images).to(float32) / 255.0;
    return ((images - 0.2860) / 0.3530).MoveToOuterDisposeScope();
}
