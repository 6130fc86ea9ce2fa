using Practise.Core.Latency;
using static TorchSharp.torch;

namespace Practise.Core.Tests.Latency;

public class DeviceFingerprintTests
{
    [Fact]
    public void CpuModelIsTheFirstModelNameOfCpuinfo()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)   CPU @ 2.20GHz\n\nprocessor\t: 1\nmodel name\t: other\n";

        Assert.Equal("Intel(R) Xeon(R) CPU @ 2.20GHz", DeviceFingerprint.CpuModelFrom(cpuinfo));
        Assert.Equal("BCM2835", DeviceFingerprint.CpuModelFrom("processor\t: 0\nHardware\t: BCM2835\n"));
        Assert.StartsWith("unknown ", DeviceFingerprint.CpuModelFrom(""), StringComparison.Ordinal);
    }

    [Fact]
    public void CurrentNamesThisMachineAndHasAStableId()
    {
        var fingerprint = DeviceFingerprint.Current(threads: 3);

        Assert.Equal("cpu", fingerprint.Device);
        Assert.Equal(3, fingerprint.TorchThreads);
        Assert.Equal(__version__, fingerprint.TorchVersion);
        Assert.Equal(Environment.ProcessorCount, fingerprint.LogicalCores);
        Assert.False(string.IsNullOrWhiteSpace(fingerprint.CpuModel));
        Assert.Matches("^[0-9a-f]{16}$", fingerprint.Id);
        Assert.Equal(fingerprint.Id, DeviceFingerprint.Current(threads: 3).Id);
        Assert.NotEqual(fingerprint.Id, DeviceFingerprint.Current(threads: 4).Id);
        Assert.Equal(fingerprint.Id, (fingerprint with { }).Id);
    }
}
