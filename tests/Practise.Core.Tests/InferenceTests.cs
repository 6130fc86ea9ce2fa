using Practise.Core.Models;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.Core.Tests;

public class InferenceTests
{
    [Fact]
    public void BatchedPredictionEqualsOneEvalForwardAndRestoresTrainMode()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        FormulaWeights.Apply(model);
        using var scope = NewDisposeScope();
        manual_seed(1);
        var inputs = randn(5, 1, 12, 12);
        model.train();
        var batched = Inference.Predict(model, inputs, batchSize: 2);
        Assert.True(model.training);
        model.eval();
        using (no_grad()) TensorAssert.Close(model.call(inputs), batched, rtol: 1e-5, atol: 1e-5);
        Assert.Equal([5L, 10], batched.shape);
    }

    [Fact]
    public void TopKCountsTheRankOfTheLabel()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(new float[]
        {
            0.9f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,   // label 0: rank 0
            0.9f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,   // label 4: rank 3
            0.9f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,   // label 2: rank 5
            0.0f, 1.0f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f,   // label 1: rank 0
        }, 4, 7);
        var labels = tensor(new long[] { 0, 4, 2, 1 });
        var accuracy = Inference.TopK(logits, labels);
        Assert.Equal(new Accuracy(0.5, 0.75, 4), accuracy);
        Assert.Throws<ArgumentException>(() => Inference.TopK(logits, tensor(new long[] { 0, 1, 2, 7 })));
    }

    [Fact]
    public void EvaluateScoresAModelOnALabelledSet()
    {
        using var model = ModelZoo.Create("resnet20_cifar", 10, inChannels: 1);
        using var scope = NewDisposeScope();
        manual_seed(2);
        var inputs = randn(6, 1, 8, 8);
        var predicted = Inference.Predict(model, inputs).argmax(1);
        var accuracy = Inference.Evaluate(model, inputs, predicted, batchSize: 4);
        Assert.Equal(1.0, accuracy.Top1);
        Assert.Equal(6, accuracy.Count);
    }
}
