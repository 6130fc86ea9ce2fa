namespace Practise.MSBuild;

/// <summary>Item metadata names shared by the tasks and build/Practise.MSBuild.targets.</summary>
internal static class Metadata
{
    public const string OutputDir = nameof(OutputDir);
    public const string CacheDir = nameof(CacheDir);
    public const string Device = nameof(Device);
    public const string StampFile = nameof(StampFile);
    public const string ModelFile = nameof(ModelFile);
    public const string SettingsFile = nameof(SettingsFile);
    public const string Role = nameof(Role);
    public const string Manifest = nameof(Manifest);
}
