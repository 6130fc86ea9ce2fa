using System.Globalization;

namespace Practise.Core.Pipeline;

/// <summary>
/// <c>--shard I/N</c>: this job scores the I-th of N equal shares of the blocks (1-based, as Playwright's --shard), so
/// a CI matrix of N jobs sharing one cache folder scores a large model in parallel.
/// </summary>
public readonly record struct Shard(int Index, int Count)
{
    public static Shard All => new(1, 1);

    /// <summary>Whether the item at <paramref name="position"/> (0-based, in a fixed order) is this shard's: round-robin, so shares differ by at most one.</summary>
    public bool Contains(int position) => position % Count == Index - 1;

    public override string ToString() => $"{Index}/{Count}";

    public static bool TryParse(string text, out Shard shard)
    {
        shard = default;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index < 1 || index > count)
        {
            return false;
        }
        shard = new Shard(index, count);
        return true;
    }

    public IReadOnlyList<string> Select(IReadOnlyList<string> blocks)
    {
        var shard = this;
        return blocks.Where((_, position) => shard.Contains(position)).ToList();
    }
}
