using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Practise.Contract;

namespace Practise.MSBuild.Tests;

/// <summary>
/// The packages as the consumer feed packed them (the way ./build.sh packs them): the platform's tool package must carry
/// TorchSharp's native libraries and the image codecs next to its assemblies, or `dotnet tool run practise` fails at
/// the first tensor or image; and every package carries the version the tool reports in practise.json.
/// </summary>
[Collection(ConsumerFeedCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ToolPackageTests(ConsumerFeed feed)
{
    private static readonly string Rid = RuntimeInformation.RuntimeIdentifier;

    [Fact]
    public void The_platform_package_holds_libtorch_and_the_codecs_next_to_the_cli_assembly()
    {
        using var archive = ZipFile.OpenRead(feed.Package($"Practise.Tool.{Rid}"));
        var files = archive.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        var folder = $"tools/net10.0/{Rid}/";
        Assert.Contains(folder + "Practise.Cli.dll", files);
        Assert.Contains(folder + "Practise.Contract.dll", files);
        Assert.Contains(folder + "DotnetToolSettings.xml", files);
        if (Rid == "linux-x64")
        {
            Assert.Contains(folder + "libLibTorchSharp.so", files);
            Assert.Contains(folder + "libtorch_cpu.so", files);
            Assert.Contains(folder + "libSkiaSharp.so", files);
        }
    }

    [Theory]
    [InlineData("Practise.Tool")]
    [InlineData("Practise.Tool.{rid}")]
    [InlineData("Practise.MSBuild")]
    public void Each_package_is_versioned_as_the_tool_reports_itself(string id)
    {
        using var archive = ZipFile.OpenRead(feed.Package(id.Replace("{rid}", Rid, StringComparison.Ordinal)));
        var nuspec = archive.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var version = XDocument.Load(stream).Descendants().Single(element => element.Name.LocalName == "version").Value;
        Assert.Equal(PractiseTool.Version, version);
    }
}
