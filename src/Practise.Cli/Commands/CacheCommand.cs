using System.CommandLine;
using System.Globalization;
using Practise.Cache;
using Practise.Cli.Output;

namespace Practise.Cli.Commands;

/// <summary><c>practise cache list|clear [manifest] [--cache-dir DIR]</c>: look into or empty the cache, every kind alike.</summary>
internal static class CacheCommand
{
    public sealed record Entry(string Kind, string Hash, long Size, DateTime Written, bool Valid, IReadOnlyDictionary<string, string> Fields);

    public sealed record Listing(string Directory, IReadOnlyList<Entry> Entries);

    public sealed record Cleared(string Directory, int Removed);

    public static Command Create(CliOptions options)
    {
        var command = new Command("cache", "List or clear the content-addressed cache (scores, latency profiles, finetuned models)");
        command.Subcommands.Add(Subcommand(options, "list", "List cached entries (kind, hash, key fields, validity)", List));
        command.Subcommands.Add(Subcommand(options, "clear", "Delete every cached entry", Clear));
        return command;
    }

    private static Command Subcommand(CliOptions options, string name, string description, Func<CommandContext, CacheStore, ExitCodes> run)
    {
        var manifest = CliOptions.ManifestArgument();
        var cacheDir = CliOptions.CacheDirOption();
        var command = new Command(name, description) { manifest, cacheDir };
        options.SetAction(command, (context, parse) =>
        {
            // An explicit folder needs no manifest at all; otherwise only the manifest's settings matter, not its files.
            var directory = parse.GetValue(cacheDir) is { } explicitDirectory
                ? context.Resolve(explicitDirectory)
                : ManifestFiles.Load(context, parse.GetValue(manifest)!, checkFiles: false).Cache.Dir;
            return run(context, new CacheStore(directory));
        });
        return command;
    }

    private static ExitCodes List(CommandContext context, CacheStore cache)
    {
        var entries = cache.List().Select(entry => new Entry(entry.Kind, entry.Hash, entry.Size, entry.LastWriteUtc, entry.Valid, entry.Fields)).ToList();
        if (context.Json)
        {
            context.WriteJson(new Listing(cache.Directory, entries));
            return ExitCodes.Ok;
        }
        if (entries.Count == 0)
        {
            context.Out.WriteLine($"{cache.Directory}: no entries");
            return ExitCodes.Ok;
        }
        context.Out.WriteLine($"{cache.Directory}: {entries.Count} entries, {Units.Bytes(entries.Sum(entry => entry.Size))}");
        var table = new TextTable("kind", "hash", "written (UTC)", "size", "state", "key");
        foreach (var entry in entries)
        {
            table.Add(entry.Kind, entry.Hash[..12], entry.Written.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Units.Bytes(entry.Size), entry.Valid ? "ok" : "corrupt", Summary(entry.Fields));
        }
        table.WriteTo(context.Out);
        return ExitCodes.Ok;
    }

    private static ExitCodes Clear(CommandContext context, CacheStore cache)
    {
        var removed = cache.Clear();
        if (context.Json)
        {
            context.WriteJson(new Cleared(cache.Directory, removed));
        }
        else
        {
            context.Out.WriteLine($"{cache.Directory}: removed {removed} entries");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The fields that tell entries of one kind apart at a glance; the rest are hashes and settings.</summary>
    private static string Summary(IReadOnlyDictionary<string, string> fields) =>
        string.Join(" ", new[] { "arch", "block", "blocks", "dropped", "batch", "threads" }
            .Where(fields.ContainsKey)
            .Select(name => $"{name}={fields[name]}"));
}
