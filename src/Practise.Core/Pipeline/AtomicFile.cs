namespace Practise.Core.Pipeline;

/// <summary>Writes through a temporary file and a rename, so readers never see a half-written artifact.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
