using Practise.Testing;

namespace Practise.MSBuild.Tests;

/// <summary>
/// A shell script standing in for `practise`: records its arguments, prints the given stdout/stderr lines and exits
/// with the given code, so the task's process handling is tested without libtorch or a model.
/// </summary>
internal sealed class FakeTool(TemporaryDirectory directory, IEnumerable<string> stdout, IEnumerable<string> stderr, int exitCode = 0)
{
    public string ArgumentsFile => directory.File("arguments.txt");

    public string Command
    {
        get
        {
            var lines = new List<string> { "#!/bin/sh", $"for argument in \"$@\"; do echo \"$argument\" >> '{ArgumentsFile}'; done" };
            lines.AddRange(stdout.Select(line => $"echo '{line}'"));
            lines.AddRange(stderr.Select(line => $"echo '{line}' >&2"));
            lines.Add($"exit {exitCode}");
            var script = directory.File("fake-practise.sh");
            File.WriteAllText(script, string.Join("\n", lines) + "\n");
            return $"sh \"{script}\"";
        }
    }

    public IReadOnlyList<string> Arguments => File.ReadAllLines(ArgumentsFile);
}
