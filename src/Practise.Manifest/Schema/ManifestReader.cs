using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest.Schema;

/// <summary>A value read from the manifest and the node it came from (for error positions).</summary>
internal sealed record Entry(object? Value, YamlNode Node);

/// <summary>
/// Walks the YAML tree against <see cref="ManifestKeys"/>: unknown keys, wrong types and out-of-range values become
/// errors; well-formed values land in a path-keyed table. Semantics across keys are the builder's job.
/// </summary>
internal sealed class ManifestReader(ErrorSink errors)
{
    public Dictionary<string, Entry> Values { get; } = new(StringComparer.Ordinal);

    public void ReadRoot(YamlMappingNode root) => ReadSection(root, "");

    private void ReadSection(YamlMappingNode map, string prefix)
    {
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                errors.Add(ErrorCodes.WrongType, keyNode, prefix, "keys must be plain names");
                continue;
            }
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (ManifestKeys.Find(path) is { } spec)
            {
                Read(spec, valueNode);
            }
            else
            {
                errors.Add(ErrorCodes.UnknownKey, keyNode, path, $"unknown key '{name}' at line {keyNode.Start.Line}", UnknownKeyFix(prefix, name));
            }
        }
        var present = map.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var child in ManifestKeys.ChildrenOf(prefix).Where(child => child.Required && !present.Contains(child.Name)))
        {
            errors.Add(ErrorCodes.MissingKey, map, child.Path, $"required key '{child.Name}' is missing", $"add '{child.Name}:' ({child.Description})");
        }
        if (ManifestKeys.Find(prefix)?.ExactlyOneOf is { } oneOf)
        {
            CheckExactlyOne(map, prefix, oneOf.Where(present.Contains).ToList(), oneOf);
        }
    }

    private void CheckExactlyOne(YamlNode node, string path, List<string> set, IReadOnlyList<string> options)
    {
        var list = string.Join(", ", options);
        if (set.Count == 0)
        {
            errors.Add(ErrorCodes.ConflictingKeys, node, path, $"needs exactly one of {list}; none is set", $"add one of {list}");
        }
        else if (set.Count > 1)
        {
            errors.Add(ErrorCodes.ConflictingKeys, node, path, $"sets {string.Join(" and ", set)}, but exactly one of {list} is allowed", "keep one of them");
        }
    }

    private static string? UnknownKeyFix(string prefix, string name)
    {
        var siblings = ManifestKeys.ChildrenOf(prefix).Select(spec => spec.Name).ToList();
        if (Suggestions.Closest(name, siblings) is { } close)
        {
            return $"did you mean '{close}'?";
        }
        var elsewhere = ManifestKeys.All.Where(spec => spec.Name == name).Select(spec => spec.Path).ToList();
        if (elsewhere.Count > 0)
        {
            return $"'{name}' belongs at {string.Join(" or ", elsewhere)}";
        }
        return siblings.Count > 0 ? $"allowed here: {string.Join(", ", siblings)}" : null;
    }

    private void Read(KeySpec spec, YamlNode node)
    {
        if (node is YamlScalarNode scalar && YamlScalars.TypeOf(scalar) == ScalarType.Null)
        {
            errors.Add(ErrorCodes.WrongType, node, spec.Path, $"'{spec.Name}' has no value", "give a value, or remove the key to use the default");
            return;
        }
        var value = spec.Kind switch
        {
            KeyKind.Section => ReadMapping(spec, node),
            KeyKind.Integer => ReadInteger(spec, node),
            KeyKind.Number => ReadNumber(spec, node),
            KeyKind.Boolean => Scalar(spec, node, ScalarType.Boolean, "true or false"),
            KeyKind.String or KeyKind.Path => ReadString(spec, node),
            KeyKind.Choice => ReadChoice(spec, node),
            KeyKind.Size => ReadSize(spec, node),
            KeyKind.Fraction => ReadFraction(spec, node),
            KeyKind.NumberList => ReadNumberList(spec, node),
            KeyKind.GlobsOrSource => ReadGlobsOrSource(spec, node),
            _ => throw new InvalidOperationException($"No reader for {spec.Kind}."),
        };
        if (value is not null)
        {
            Values[spec.Path] = new Entry(value, node);
        }
    }

    private object? ReadMapping(KeySpec spec, YamlNode node)
    {
        if (node is not YamlMappingNode map)
        {
            WrongType(spec, node, "a mapping of keys");
            return null;
        }
        ReadSection(map, spec.Path);
        return map;
    }

    private object? ReadGlobsOrSource(KeySpec spec, YamlNode node)
    {
        switch (node)
        {
            case YamlSequenceNode list:
                var patterns = list.Children.Select(item => ReadString(spec, item)).ToList();
                if (patterns.Count == 0)
                {
                    errors.Add(ErrorCodes.OutOfRange, node, spec.Path, "the list of patterns is empty", "add at least one pattern, e.g. images/**/*.jpg");
                }
                return patterns.Contains(null) ? null : patterns.Cast<string>().ToList();
            case YamlMappingNode map:
                ReadSection(map, spec.Path);
                var options = ManifestKeys.ChildrenOf(spec.Path).Select(child => child.Name).ToList();
                var set = map.Children.Keys.OfType<YamlScalarNode>().Select(key => key.Value!).Where(options.Contains).ToList();
                if (set.Count != map.Children.Count || set.Count != 1)
                {
                    CheckExactlyOne(map, spec.Path, set, options);
                }
                return map;
            default:
                WrongType(spec, node, "a list of glob patterns, or idx:/safetensors:/synthetic:/noise:", $"write it as a list: {spec.Name}: [\"{(node as YamlScalarNode)?.Value}\"]");
                return null;
        }
    }

    private object? ReadInteger(KeySpec spec, YamlNode node)
    {
        var value = Scalar(spec, node, ScalarType.Integer, "an integer");
        // A double here means the integer overflowed long; record fields are int.
        if (value is double || (value is long whole && (whole > int.MaxValue || whole < int.MinValue)))
        {
            errors.Add(ErrorCodes.OutOfRange, node, spec.Path, $"{((YamlScalarNode)node).Value} is too large", $"use a value <= {int.MaxValue}");
            return null;
        }
        return value is long integer && InRange(spec, node, integer) ? integer : null;
    }

    private object? ReadNumber(KeySpec spec, YamlNode node)
    {
        var value = Number(spec, node);
        return value is { } number && InRange(spec, node, number) ? number : null;
    }

    private double? Number(KeySpec spec, YamlNode node)
    {
        if (node is YamlScalarNode scalar && YamlScalars.TypeOf(scalar) == ScalarType.Integer)
        {
            return Convert.ToDouble(YamlScalars.ValueOf(scalar), CultureInfo.InvariantCulture);
        }
        var value = Scalar(spec, node, ScalarType.Float, "a number") as double?;
        if (value is { } number && !double.IsFinite(number))
        {
            errors.Add(ErrorCodes.OutOfRange, node, spec.Path, $"{number} is not a finite number");
            return null;
        }
        return value;
    }

    private string? ReadString(KeySpec spec, YamlNode node)
    {
        var value = Scalar(spec, node, ScalarType.String, "a string") as string;
        if (value is { Length: 0 } || (value is not null && string.IsNullOrWhiteSpace(value)))
        {
            errors.Add(ErrorCodes.OutOfRange, node, spec.Path, "the value is empty");
            return null;
        }
        return value;
    }

    private object? ReadChoice(KeySpec spec, YamlNode node)
    {
        if (Scalar(spec, node, ScalarType.String, "one of " + string.Join(", ", spec.Choices!)) is not string value)
        {
            return null;
        }
        if (spec.Choices!.Contains(value))
        {
            return value;
        }
        if (spec.DeprecatedChoices?.GetValueOrDefault(value) is { } renamed)
        {
            errors.Warn(ErrorCodes.DeprecatedChoice, node, spec.Path, $"'{value}' is deprecated: it is read as '{renamed}'", $"write '{renamed}'");
            return renamed;
        }
        var close = Suggestions.Closest(value, spec.Choices!);
        var fix = (close is null ? "" : $"did you mean '{close}'? ") + "allowed: " + string.Join(", ", spec.Choices!);
        errors.Add(ErrorCodes.InvalidChoice, node, spec.Path, $"'{value}' is not a valid {spec.Name}", fix);
        return null;
    }

    private object? ReadSize(KeySpec spec, YamlNode node)
    {
        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count != 2)
            {
                errors.Add(ErrorCodes.LengthMismatch, node, spec.Path, $"a size list needs 2 items, [height, width]; got {list.Children.Count}");
                return null;
            }
            var sides = list.Children.Select(item => ReadInteger(spec, item)).ToList();
            return sides.Contains(null) ? null : new ImageSize((int)(long)sides[0]!, (int)(long)sides[1]!);
        }
        if (node is YamlScalarNode)
        {
            return ReadInteger(spec, node) is long side ? new ImageSize((int)side, (int)side) : null;
        }
        WrongType(spec, node, "an integer or [height, width]");
        return null;
    }

    private object? ReadFraction(KeySpec spec, YamlNode node)
    {
        const string fix = "write a percentage like \"20%\" or a fraction like 0.2";
        if (node is YamlScalarNode scalar && YamlScalars.TypeOf(scalar) == ScalarType.String)
        {
            var text = scalar.Value!.Trim();
            if (!text.EndsWith('%') || !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                errors.Add(ErrorCodes.WrongType, node, spec.Path, $"'{text}' is not a percentage or fraction", fix);
                return null;
            }
            return InRange(spec, node, percent / 100, $"{text} must lie strictly between 0% and 100%") ? percent / 100 : null;
        }
        var value = Number(spec, node);
        if (value > 1)
        {
            errors.Add(ErrorCodes.OutOfRange, node, spec.Path, $"{value} is more than 1", $"for {value} percent write \"{value}%\"");
            return null;
        }
        return value is { } number && InRange(spec, node, number) ? number : null;
    }

    private object? ReadNumberList(KeySpec spec, YamlNode node)
    {
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
        {
            WrongType(spec, node, "a non-empty list of numbers");
            return null;
        }
        var items = list.Children.Select(item => Number(spec, item)).ToList();
        return items.Contains(null) ? null : items.Select(item => item!.Value).ToList();
    }

    private object? Scalar(KeySpec spec, YamlNode node, ScalarType expected, string expectation)
    {
        if (node is YamlScalarNode scalar && YamlScalars.TypeOf(scalar) == expected)
        {
            return YamlScalars.ValueOf(scalar);
        }
        var fix = node is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.Plain } quoted && expected != ScalarType.String
            && YamlScalars.TypeOf(new YamlScalarNode(quoted.Value)) == expected
            ? "remove the quotes"
            : null;
        WrongType(spec, node, expectation, fix);
        return null;
    }

    private void WrongType(KeySpec spec, YamlNode node, string expectation, string? fix = null) =>
        errors.Add(ErrorCodes.WrongType, node, spec.Path, $"expected {expectation}, got {Describe(node)}", fix);

    private bool InRange(KeySpec spec, YamlNode node, double value, string? message = null)
    {
        var low = spec.Minimum is { } min && (spec.ExclusiveMinimum ? value <= min : value < min);
        var high = spec.Maximum is { } max && (spec.ExclusiveMaximum ? value >= max : value > max);
        if (!low && !high)
        {
            return true;
        }
        var bounds = string.Join(" and ", new[]
        {
            spec.Minimum is { } lower ? (spec.ExclusiveMinimum ? "> " : ">= ") + lower.ToString(CultureInfo.InvariantCulture) : null,
            spec.Maximum is { } upper ? (spec.ExclusiveMaximum ? "< " : "<= ") + upper.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(bound => bound is not null));
        errors.Add(ErrorCodes.OutOfRange, node, spec.Path, message ?? $"{value.ToString(CultureInfo.InvariantCulture)} is out of range", $"use a value {bounds}");
        return false;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"{YamlScalars.TypeOf(scalar).ToString().ToLowerInvariant()} '{scalar.Value}'",
        _ => node.NodeType.ToString(),
    };
}
