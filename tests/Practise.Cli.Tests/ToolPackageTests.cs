using System.IO.Compression;
using System.Runtime.InteropServices;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>
/// The packed tool for this platform must carry TorchSharp's native libraries and the image codecs next to its
/// assemblies, or `dotnet tool run practise` fails at the first tensor or image.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public void The_platform_package_holds_libtorch_and_the_codecs_next_to_the_cli_assembly()
    {
        var version = typeof(PractiseCli).Assembly.GetName().Version!;
        var rid = RuntimeInformation.RuntimeIdentifier;
        var package = Repository.File($"artifacts/feed/Practise.Tool.{rid}.{version.Major}.{version.Minor}.{version.Build}.nupkg");
        if (!File.Exists(package))
        {
            // Only ./build.sh packs; a plain `dotnet test` has no package to look into.
            return;
        }
        using var archive = ZipFile.OpenRead(package);
        var files = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        var folder = $"tools/net10.0/{rid}/";
        Assert.Contains(folder + "Practise.Cli.dll", files);
        Assert.Contains(folder + "DotnetToolSettings.xml", files);
        if (rid == "linux-x64")
        {
            Assert.Contains(folder + "libLibTorchSharp.so", files);
            Assert.Contains(folder + "libtorch_cpu.so", files);
            Assert.Contains(folder + "libSkiaSharp.so", files);
        }
    }
}
