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
        if (!File.Exists(path)) return;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            // A line cut short by a kill is ignored: its unit simply runs again.
            try
            {
                if (JsonNode.Parse(line)?["key"]?.GetValue<string>() is { } key) done.Add(key);
            }
            catch (JsonException)
            {
            }
        }
    }

    public bool Contains(string key) => done.Contains(key);

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
