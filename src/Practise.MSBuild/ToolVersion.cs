using System.Text.Json;

namespace Practise.MSBuild;

/// <summary>The practise version a <c>dotnet tool run</c> will start: the pin in the nearest tool manifest.</summary>
internal static class ToolVersion
{
    /// <summary>Where <c>dotnet tool run</c> looks: .config/dotnet-tools.json or dotnet-tools.json, from the folder upwards.</summary>
    public static string? FindToolManifest(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(current.FullName, ".config", "dotnet-tools.json"), Path.Combine(current.FullName, "dotnet-tools.json") })
            {
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>The version pinned for the tool whose commands include <c>practise</c>, or null.</summary>
    public static string? Pinned(string toolManifest)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(toolManifest));
            if (!document.RootElement.TryGetProperty("tools", out var tools)) return null;
            foreach (var tool in tools.EnumerateObject())
            {
                if (tool.Value.TryGetProperty("commands", out var commands)
                    && commands.EnumerateArray().Any(command => command.GetString() == "practise")
                    && tool.Value.TryGetProperty("version", out var version))
                {
                    return version.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // A broken tool manifest is `dotnet tool run`'s error to report, with its own message.
        }
        return null;
    }
}
