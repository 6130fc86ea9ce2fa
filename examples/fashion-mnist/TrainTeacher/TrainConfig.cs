namespace FashionMnist.TrainTeacher;

/// <summary>Every setting of the teacher's training, declared once with the reason for its value.</summary>
public sealed record TrainConfig
{
    public string Arch { get; init; } = "resnet32_cifar";              // ≥ 12 droppable blocks (4 per stage × 3)
    public string DataDir { get; init; } = "/usr/share/datasets/fashion-mnist"; // Debian's dataset-fashion-mnist
    public int Epochs { get; init; } = 8;                              // one-cycle; 8 epochs reach ≥ 92% test top-1
    public int BatchSize { get; init; } = 128;
    public double MaxLr { get; init; } = 0.1;                          // one-cycle peak, SGD + Nesterov
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 5e-4;
    public int Padding { get; init; } = 4;                             // random crop of 28 from a zero-padded 36
    public long Seed { get; init; } = 0;
    public int Threads { get; init; } = 2;
    public double Mean { get; init; } = 0.2860;                        // Fashion-MNIST training-set pixel mean / std
    public double Std { get; init; } = 0.3530;
    public string Output { get; init; } = "teacher.safetensors";
}
