namespace Practise.Core.Pipeline;

/// <summary>Writes through a temporary file and a rename, so readers never see a half-written artifact.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, temporary => File.WriteAllBytes(temporary, bytes));

    private static void Write(string path, Action<string> write)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
