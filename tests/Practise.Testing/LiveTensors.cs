using TorchSharp;

namespace Practise.Testing;

/// <summary>Leak checks: tensors alive on this thread by TorchSharp's own accounting (created minus disposed).</summary>
public static class LiveTensors
{
    public static long Count => DisposeScopeManager.Statistics.ThreadTotalLiveCount;
}
