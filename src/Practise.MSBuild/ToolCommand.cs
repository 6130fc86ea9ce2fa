namespace Practise.MSBuild;

/// <summary>
/// <c>$(PractiseToolCommand)</c> split into the program to start and the arguments before <c>compress</c>, e.g.
/// <c>dotnet tool run practise</c> or <c>dotnet exec /path/Practise.Cli.dll</c>. Double quotes group a path with spaces.
/// </summary>
internal sealed record ToolCommand(string Program, IReadOnlyList<string> Arguments)
{
    public static ToolCommand Parse(string command)
    {
        var tokens = Tokenize(command);
        if (tokens.Count == 0)
        {
            throw new ArgumentException("PractiseToolCommand is empty; set it to e.g. 'dotnet tool run practise'", nameof(command));
        }
        return new ToolCommand(tokens[0], tokens.Skip(1).ToList());
    }

    /// <summary>Files the command names (a Practise.Cli.dll run with dotnet exec): a rebuilt tool must re-run the target.</summary>
    public IEnumerable<string> ExistingFiles(string workingDirectory) =>
        Arguments.Where(argument => argument.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(argument => Path.GetFullPath(argument, workingDirectory))
            .Where(File.Exists);

    /// <summary>
    /// The program as a full path. <c>dotnet</c> is the host running this build ($DOTNET_HOST_PATH, set by the SDK), so
    /// a machine with several SDKs runs the tool under the same one; anything else is looked up on PATH.
    /// </summary>
    public string ResolveProgram(Func<string, string?> environment)
    {
        if (Path.IsPathRooted(Program))
        {
            return Program;
        }
        if (Program == "dotnet" && environment("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        var names = OperatingSystem.IsWindows() && !Program.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
            ? new[] { Program + ".exe", Program }
            : new[] { Program };
        foreach (var directory in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return Program;
    }

    private static List<string> Tokenize(string command)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var started = false;
        foreach (var character in command)
        {
            if (character == '"')
            {
                quoted = !quoted;
                started = true;
            }
            else if (char.IsWhiteSpace(character) && !quoted)
            {
                if (started) tokens.Add(current.ToString());
                current.Clear();
                started = false;
            }
            else
            {
                current.Append(character);
                started = true;
            }
        }
        if (started) tokens.Add(current.ToString());
        return tokens;
    }
}
