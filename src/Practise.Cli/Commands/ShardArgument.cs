using System.CommandLine.Parsing;
using Practise.Core.Pipeline;

namespace Practise.Cli.Commands;

internal static class ShardArgument
{
    /// <summary>For System.CommandLine's CustomParser: a wrong value is a usage error naming the expected form.</summary>
    internal static Shard? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Shard.TryParse(text, out var shard))
        {
            return shard;
        }
        result.AddError($"--shard expects I/N with 1 ≤ I ≤ N (e.g. 2/4), not '{text}'");
        return null;
    }
}
