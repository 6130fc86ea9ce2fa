using System.Text.Json;
using System.Text.Json.Nodes;

namespace Practise.Benchmarks.Quality;

/// <summary>
/// results.jsonl: one line per finished unit of work, appended as soon as it is known. A unit whose key is already
/// there is skipped, so a killed run loses at most the unit in progress and the next run continues.
/// </summary>
public sealed class ResultsLog
{
    private readonly string path;
    private readonly HashSet<string> done = new(StringComparer.Ordinal);

    public ResultsLog(string path)
    {
        this.path = path;
        foreach (var line in Lines()) done.Add(line["key"]!.GetValue<string>());
    }

    public bool Contains(string key) => done.Contains(key);

    /// <summary>Every complete line with a key, in file order.</summary>
    public IEnumerable<JsonObject> Lines(string keyPrefix = "")
    {
        if (!File.Exists(path)) yield break;
        foreach (var text in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonObject? line;
            // A line cut short by a kill is ignored: its unit simply runs again.
            try
            {
                line = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }
            if (line?["key"]?.GetValue<string>() is { } key && key.StartsWith(keyPrefix, StringComparison.Ordinal)) yield return line;
        }
    }

    public void Append(string key, JsonObject line)
    {
        line["key"] = key;
        using (var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(line.ToJsonString());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        done.Add(key);
    }
}
