using System.IO.Compression;
using Practise.Testing;

namespace Practise.Cli.Tests;

/// <summary>The packed tool must carry the native bridge next to its assemblies, or `dotnet tool run practise` fails at the first tensor.</summary>
public class ToolPackageTests
{
    [Fact]
    public void The_packed_tool_holds_the_native_bridge_next_to_the_cli_assembly()
    {
        var version = typeof(PractiseCli).Assembly.GetName().Version!;
        var package = Repository.File($"artifacts/feed/Practise.Tool.{version.Major}.{version.Minor}.{version.Build}.nupkg");
        if (!File.Exists(package))
        {
            // Only ./build.sh packs; a plain `dotnet test` has no package to look into.
            return;
        }
        using var archive = ZipFile.OpenRead(package);
        var files = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("tools/net10.0/any/Practise.Cli.dll", files);
        Assert.Contains("tools/net10.0/any/libpractise_torch.so", files);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", files);
    }
}
