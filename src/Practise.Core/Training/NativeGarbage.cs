namespace Practise.Core.Training;

/// <summary>
/// TorchSharp releases some small native objects only in .NET finalizers (the Scalars that optimisers and operators
/// make from doubles, for one). Training allocates almost nothing managed, so the GC never ran in a whole scoring run
/// (gen-0 count 0 after 12 blocks), and those small objects stayed alive between libtorch's large activation buffers:
/// glibc's heap grew instead of reusing the space, to 2.1× the C++ bridge's peak on resnet32_cifar at 28².
/// The objects die young, so a gen-0 collection after every iteration frees them; it costs microseconds, since the
/// managed heap holds next to nothing (docs/benchmarks.md, "Memory").
/// </summary>
public static class NativeGarbage
{
    /// <summary>Finalizes what the last training iteration left unreachable.</summary>
    public static void CollectYoung() => Collect(0);

    /// <summary>Finalizes every unreachable object: after a whole training, before the next one allocates.</summary>
    public static void CollectAll() => Collect(GC.MaxGeneration);

    private static void Collect(int generation)
    {
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }
}
