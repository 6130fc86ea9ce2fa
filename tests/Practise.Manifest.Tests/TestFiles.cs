namespace Practise.Manifest.Tests;

/// <summary>Repository files and scratch folders for tests.</summary>
internal static class TestFiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Repo(string relative) => Path.Combine(RepoRoot, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Practise.Tool.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Practise.Tool.sln not found above the test assembly.");
    }
}

/// <summary>A temporary folder deleted with the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "practise-tests", Guid.NewGuid().ToString("N"));

    public string File(string relative, string content = "x")
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
