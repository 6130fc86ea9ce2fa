using static TorchSharp.torch;

namespace Practise.Core.Tests;

/// <summary>A test that needs a CUDA device: skipped, saying why, where libtorch sees none (the CPU build, or no GPU).</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!cuda.is_available()) Skip = "no CUDA device: build with -p:PractiseTorchBackend=cuda on a Linux machine with an NVIDIA GPU (docs/engine.md#gpu)";
    }
}

/// <summary>A test of what happens without a CUDA device: skipped where libtorch sees one.</summary>
public sealed class WithoutCudaTheoryAttribute : TheoryAttribute
{
    public WithoutCudaTheoryAttribute()
    {
        if (cuda.is_available()) Skip = "libtorch sees a CUDA device here; CudaTests cover it";
    }
}
