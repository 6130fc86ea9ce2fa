namespace Practise.Cli.Output;

/// <summary>Left-aligned columns padded to their widest cell: readable in a terminal and in a CI log alike.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    public TextTable Add(params string[] cells)
    {
        rows.Add(cells);
        return this;
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        var all = rows.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(column => all.Max(row => column < row.Length ? row[column].Length : 0)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]));
            writer.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
