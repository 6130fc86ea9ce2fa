// Classifies Fashion-MNIST test images with the compressed model in ONNX Runtime: the deployment path of docs/onnx.md.
//   dotnet run --project examples/fashion-mnist/FashionMnist.Compressed -- [--count 8] [--model DIR] [--images IDX] [--labels IDX] [--json]
using System.Text.Json;
using FashionMnist.Compressed;
using Microsoft.ML.OnnxRuntime;

string Option(string name, string fallback) => Array.IndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
const string Data = "/usr/share/datasets/fashion-mnist";
var model = new CompressedModel(Option("--model", CompressedModel.Default));
var images = Idx.Read(Option("--images", $"{Data}/t10k-images-idx3-ubyte.gz"));
var labels = Idx.Read(Option("--labels", $"{Data}/t10k-labels-idx1-ubyte.gz")).Values;
var count = Math.Min(int.Parse(Option("--count", "8"), System.Globalization.CultureInfo.InvariantCulture), labels.Length);

var (channels, height, width) = (model.ImageShape[0], model.ImageShape[1], model.ImageShape[2]);
if (images.Shape[1..].Aggregate(1, (product, size) => product * size) != channels * height * width)
    throw new InvalidDataException($"the images are {string.Join("×", images.Shape[1..])}, the model takes {channels}×{height}×{width}");
var pixels = channels * height * width;
var input = new float[count * pixels];
for (var i = 0; i < input.Length; i++)
{
    var channel = i / (height * width) % channels;
    input[i] = ((images.Values[i] / 255f) - model.Mean[channel]) / model.Std[channel];
}

using var session = new InferenceSession(model.Onnx);
using var batch = OrtValue.CreateTensorValueFromMemory(input, [count, channels, height, width]);
using var outputs = session.Run(new RunOptions(), ["input"], [batch], ["logits"]);
var logits = outputs[0].GetTensorDataAsSpan<float>().ToArray();
var classes = logits.Length / count;
var predictions = Enumerable.Range(0, count).Select(row => ArgMax(logits.AsSpan(row * classes, classes))).ToArray();

var correct = predictions.Where((predicted, row) => predicted == labels[row]).Count();
if (args.Contains("--json"))
{
    Console.WriteLine(JsonSerializer.Serialize(new { predictions, correct, count }));
    return;
}
string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
string Name(int label) => label < names.Length && classes == names.Length ? names[label] : $"class {label}";
for (var row = 0; row < count; row++)
    Console.WriteLine($"test image {row}: {Name(predictions[row]),-11} (label: {Name(labels[row])})");
Console.WriteLine($"{correct} of {count} right, with {model.Onnx} in ONNX Runtime {OrtEnv.Instance().GetVersionString()}");

// The first of equal maxima, as torch.argmax picks.
static int ArgMax(ReadOnlySpan<float> scores)
{
    var best = 0;
    for (var i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
    return best;
}
