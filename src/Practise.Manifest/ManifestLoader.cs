using Practise.Manifest.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Practise.Manifest;

public sealed record ManifestLoadOptions
{
    /// <summary>Check that referenced files and folders exist (off for templates such as practise.yaml.example).</summary>
    public bool CheckFiles { get; init; } = true;

    /// <summary>Reads environment variables ($PRACTISE_CACHE); replaceable so tests do not depend on the machine.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}

/// <summary>Reads practise.yaml into a validated <see cref="Manifest"/>, or throws <see cref="ManifestException"/> with every problem found.</summary>
public static class ManifestLoader
{
    public const string DefaultFileName = "practise.yaml";

    public static Manifest Load(string path, ManifestLoadOptions? options = null)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ManifestException(new ManifestError(ErrorCodes.ManifestNotFound, fullPath, 0, 0, "", "manifest not found",
                $"create {DefaultFileName} (see practise.yaml.example) or pass its path"));
        }
        return Parse(File.ReadAllText(fullPath), fullPath, options);
    }

    /// <summary>Parses manifest text; <paramref name="sourcePath"/> names the file in errors and anchors relative paths.</summary>
    public static Manifest Parse(string yaml, string sourcePath, ManifestLoadOptions? options = null)
    {
        var fullPath = Path.GetFullPath(sourcePath);
        var errors = new ErrorSink(fullPath);
        var root = ReadYaml(yaml, errors);
        if (root is null)
        {
            errors.ThrowIfAny();
            throw new InvalidOperationException("unreachable: a missing root is always reported");
        }
        var reader = new ManifestReader(errors);
        reader.ReadRoot(root);
        var baseDirectory = Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory();
        var manifest = new ManifestBuilder(reader.Values, errors, baseDirectory, options ?? new ManifestLoadOptions()).Build(fullPath);
        errors.ThrowIfAny();
        return manifest;
    }

    private static YamlMappingNode? ReadYaml(string yaml, ErrorSink errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException exception)
        {
            var message = exception.InnerException?.Message ?? exception.Message;
            errors.Add(new ManifestError(ErrorCodes.YamlSyntax, errors.File, (int)exception.Start.Line, (int)exception.Start.Column, "",
                $"invalid YAML: {StripPosition(message)}", "check indentation (spaces, not tabs) and that every key ends with ':'"));
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            errors.Add(new ManifestError(ErrorCodes.YamlSyntax, errors.File, 1, 1, "",
                stream.Documents.Count == 0 ? "the manifest is empty" : "the manifest holds several YAML documents",
                "write one mapping with model:, data: and budget:"));
            return null;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(ErrorCodes.WrongType, stream.Documents[0].RootNode, "", "the manifest must be a mapping of keys", "start with 'version: 1'");
            return null;
        }
        return root;
    }

    /// <summary>YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (...): "; the error already carries the position.</summary>
    private static string StripPosition(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && index >= 0 ? message[(index + 3)..] : message;
    }
}
