// Trains the example teacher and writes its weights (torchvision key names) as safetensors.
// Usage: dotnet run --project examples/fashion-mnist/TrainTeacher -c Release -- [epochs] [output]
using System.Diagnostics;
using FashionMnist.TrainTeacher;
using Practise.Core.Data;
using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Core.Training;
using Practise.Manifest.Data;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

var config = new TrainConfig();
if (args.Length > 0) config = config with { Epochs = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) };
if (args.Length > 1) config = config with { Output = args[1] };
set_num_threads(config.Threads);
manual_seed(config.Seed);

Tensor LoadImages(string name)
{
    using var raw = IdxFile.Read(Path.Combine(config.DataDir, name));
    using var pixels = raw.to_type(float32).div(255.0).unsqueeze(1);
    return pixels.sub(config.Mean).div(config.Std);
}

Tensor LoadLabels(string name)
{
    using var raw = IdxFile.Read(Path.Combine(config.DataDir, name));
    return raw.to_type(int64);
}

using var trainImages = LoadImages("train-images-idx3-ubyte.gz");
using var trainLabels = LoadLabels("train-labels-idx1-ubyte.gz");
using var testImages = LoadImages("t10k-images-idx3-ubyte.gz");
using var testLabels = LoadLabels("t10k-labels-idx1-ubyte.gz");

using var model = ModelZoo.Create(config.Arch, numClasses: 10, inChannels: 1);
using var optimizer = optim.SGD(model.parameters(), config.MaxLr, momentum: config.Momentum, weight_decay: config.WeightDecay, nesterov: true);
var count = (int)trainImages.size(0);
var stepsPerEpoch = count / config.BatchSize; // the last partial batch is dropped, as drop_last=True
var totalSteps = config.Epochs * stepsPerEpoch;
var random = new SplitMix64((ulong)config.Seed);
Console.WriteLine($"training {config.Arch} on {count} images: {config.Epochs} epochs × {stepsPerEpoch} steps, batch {config.BatchSize}, {config.Threads} threads");

var step = 0;
for (var epoch = 0; epoch < config.Epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    var order = SeededSampler.Shuffle(count, random);
    model.train();
    double lossSum = 0;
    for (var batchIndex = 0; batchIndex < stepsPerEpoch; batchIndex++, step++)
    {
        using var scope = NewDisposeScope();
        optimizer.SetLearningRate(LearningRateSchedules.OneCycle(step, totalSteps, config.MaxLr));
        var index = tensor(order.AsSpan(batchIndex * config.BatchSize, config.BatchSize).ToArray().Select(i => (long)i).ToArray());
        var inputs = Augment.CropFlip(trainImages.index_select(0, index), config.Padding, random);
        var loss = F.cross_entropy(model.call(inputs), trainLabels.index_select(0, index));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        lossSum += loss.ToDouble();
        if ((batchIndex + 1) % 50 == 0)
            Console.WriteLine($"  epoch {epoch + 1} step {batchIndex + 1}/{stepsPerEpoch} loss {lossSum / (batchIndex + 1):F4} ({clock.Elapsed.TotalSeconds:F0} s)");
    }
    var accuracy = Inference.Evaluate(model, testImages, testLabels, 500);
    Console.WriteLine($"epoch {epoch + 1}: train loss {lossSum / stepsPerEpoch:F4}, test top-1 {accuracy.Top1 * 100:F2}%, top-5 {accuracy.Top5 * 100:F2}%, {clock.Elapsed.TotalSeconds:F0} s");
}

Safetensors.Save(config.Output, model.state_dict());
Console.WriteLine($"wrote {config.Output} ({new FileInfo(config.Output).Length} bytes)");
