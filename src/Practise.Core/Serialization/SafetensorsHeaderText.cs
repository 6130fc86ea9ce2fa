using System.Globalization;
using System.Text;

namespace Practise.Core.Serialization;

/// <summary>
/// Writes the header JSON byte for byte as Python's json.dumps(header, separators=(",", ":")) does (the fixture
/// writer and most PyTorch-side tools): compact, pure ASCII, non-ASCII and control characters as lower-case \u
/// escapes. System.Text.Json escapes a different set (&lt;, &gt;, &amp;, ', +) with upper-case hex, so identical tensors would
/// give different files.
/// </summary>
internal sealed class SafetensorsHeaderText
{
    private readonly StringBuilder text = new("{");
    private bool first = true;

    /// <summary>
    /// The order to write names and metadata keys in, so a dictionary's order never shows in the bytes: code-point
    /// order, as Python's sorted() and Rust's String ordering (UTF-16 ordinal order differs beyond the BMP).
    /// </summary>
    public static IComparer<string> KeyOrder { get; } = Comparer<string>.Create((left, right) =>
    {
        using var a = left.EnumerateRunes().GetEnumerator();
        using var b = right.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB) return hasA.CompareTo(hasB);
            var order = a.Current.Value.CompareTo(b.Current.Value);
            if (order != 0) return order;
        }
    });

    public void Metadata(string key, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        Key(key);
        text.Append('{');
        var firstPair = true;
        foreach (var (name, value) in pairs)
        {
            if (!firstPair) text.Append(',');
            firstPair = false;
            Quote(name);
            text.Append(':');
            Quote(value);
        }
        text.Append('}');
    }

    public void Tensor(string name, string dtype, long[] shape, long begin, long end)
    {
        Key(name);
        text.Append("{\"dtype\":");
        Quote(dtype);
        text.Append(",\"shape\":[").AppendJoin(',', shape.Select(size => size.ToString(CultureInfo.InvariantCulture)));
        text.Append("],\"data_offsets\":[").Append(begin.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
    }

    /// <summary>The closed object, padded with spaces to a multiple of 8 bytes (all ASCII, so chars are bytes).</summary>
    public byte[] ToPaddedBytes()
    {
        var json = text.ToString() + "}";
        return Encoding.ASCII.GetBytes(json.PadRight(json.Length + (8 - json.Length % 8) % 8));
    }

    private void Key(string key)
    {
        if (!first) text.Append(',');
        first = false;
        Quote(key);
        text.Append(':');
    }

    private void Quote(string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                // UTF-16 code units, so characters beyond the BMP become surrogate pairs exactly as in Python.
                case < ' ' or > '~': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }
}
