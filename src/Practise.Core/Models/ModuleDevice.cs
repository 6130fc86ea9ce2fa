using static TorchSharp.torch;

namespace Practise.Core.Models;

public static class ModuleDevice
{
    /// <summary>Where a module computes: its first parameter's device (our models never span two), the CPU without parameters.</summary>
    public static Device DeviceOf(this nn.Module module) => module.parameters().Select(parameter => parameter.device).FirstOrDefault() ?? CPU;
}
