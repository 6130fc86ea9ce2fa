using System.IO.Compression;
using Practise.Contract;
using Practise.Core.Models;
using Practise.Core.Serialization;
using Practise.Testing;
using static TorchSharp.torch;

namespace Practise.MSBuild.Tests;

/// <summary>
/// What a fresh consumer has: Practise.MSBuild and Practise.Tool packed into a local feed, a nuget.config with only
/// that feed, a tool manifest restored from it into a private package folder (no stale ~/.nuget copy of the same
/// version), and a tiny seeded model with an IDX data set. Shared by the SDK-project and package tests (packing and
/// each build cost seconds).
/// </summary>
public sealed class ConsumerFeed : IDisposable
{
    public const int ImageSize = 16;

    private readonly TemporaryDirectory directory = new();

    public ConsumerFeed()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        // Both folders private: NuGet's package folder and the CLI's tool resolver cache each keep a package by id and
        // version, so a practise.tool 0.1.0 restored earlier from another build would otherwise be the one that runs.
        Environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = directory.File("packages"), ["DOTNET_CLI_HOME"] = directory.File("cli-home") };
        File.WriteAllText(directory.File("nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        var packMsBuild = Dotnet.Run(Repository.Root, Environment, "pack", Repository.File("src/Practise.MSBuild"), "--no-build", "-c", configuration, "-o", Feed, "-v:q");
        Assert.True(packMsBuild.ExitCode == 0, packMsBuild.ToString());
        // The tool is packed per platform (a pointer package plus Practise.Tool.<rid>), which publishes for that RID,
        // so it builds; with the machine's package folder, where TorchSharp is restored already.
        var packTool = Dotnet.Run(Repository.Root, new Dictionary<string, string>(), "pack", Repository.File("src/Practise.Cli"), "-c", configuration,
            $"-p:ToolPackageRuntimeIdentifiers={System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}", "-o", Feed, "-v:q");
        Assert.True(packTool.ExitCode == 0, packTool.ToString());
        Directory.CreateDirectory(directory.File(".config"));
        File.WriteAllText(directory.File(".config/dotnet-tools.json"), $$"""
            { "version": 1, "isRoot": true, "tools": { "practise.tool": { "version": "{{Version}}", "commands": ["practise"], "rollForward": false } } }
            """);
        var restore = Dotnet.Run(directory.Path, Environment, "tool", "restore");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        WriteModel();
    }

    public static string Version => PractiseTool.Version;

    public string Root => directory.Path;
    public string Feed => directory.File("feed");
    public string Weights => directory.File("teacher.safetensors");
    public string Images => directory.File("images.idx");
    public string Labels => directory.File("labels.idx");
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The packed file of a package id at this version; a missing one fails the test that asks.</summary>
    public string Package(string id)
    {
        var path = Path.Combine(Feed, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"{path} was not packed; the feed holds {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        return path;
    }

    public IReadOnlyList<string> PackageFiles()
    {
        using var archive = ZipFile.OpenRead(Package("Practise.MSBuild"));
        return archive.Entries.Select(entry => entry.FullName).ToList();
    }

    internal DotnetRun Build(string projectDirectory) =>
        Dotnet.Run(projectDirectory, Environment, "build", "-c", "Release", "-nodeReuse:false", "-v:n", "-tl:off", "-nologo");

    /// <summary>A He-initialised resnet20_cifar (1 channel, 16×16) and 24 random labelled images, as EngineFixture makes.</summary>
    private void WriteModel()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var teacher = ModelZoo.Create("resnet20_cifar", 10, 1);
        foreach (var (name, parameter) in teacher.named_parameters())
            if (name.EndsWith("conv1.weight", StringComparison.Ordinal) || name.EndsWith("conv2.weight", StringComparison.Ordinal))
                nn.init.kaiming_normal_(parameter, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        Safetensors.Save(Weights, teacher.state_dict());
        IdxWriter.Write(Images, randint(0, 256, [24, ImageSize, ImageSize], uint8));
        IdxWriter.Write(Labels, randint(0, 10, [24], uint8));
    }

    public void Dispose() => directory.Dispose();
}

/// <summary>The tests that share one packed feed (packing the tool publishes it with libtorch: tens of seconds).</summary>
[CollectionDefinition(Name)]
public sealed class ConsumerFeedCollection : ICollectionFixture<ConsumerFeed>
{
    public const string Name = "consumer feed";
}
