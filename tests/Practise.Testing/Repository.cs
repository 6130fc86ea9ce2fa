namespace Practise.Testing;

/// <summary>Files of the repository the tests run in, found from the test assembly's folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "Practise.Tool.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Practise.Tool.sln not found above the test assembly.");
    }
}
