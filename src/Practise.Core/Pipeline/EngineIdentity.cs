using Practise.Contract;
using TorchSharp;
using static TorchSharp.torch;

namespace Practise.Core.Pipeline;

/// <summary>What computes cached scores and models besides our code, part of every cache key that holds a number.</summary>
public static class EngineIdentity
{
    /// <summary>
    /// Another libtorch rounds differently, so its entries are not reused (the 0.1.0 bridge over Debian's libtorch
    /// 1.13.1 wrote bare "0.1.0").
    /// </summary>
    public static string Version { get; } = $"{PractiseTool.Version}; TorchSharp {typeof(torch).Assembly.GetName().Version}; libtorch {__version__}";
}
