namespace Practise.Manifest;

/// <summary>Stable error codes for the manifest, data selection and cache (PRAC1xxx). Never renumber: users search for them.</summary>
public static class ErrorCodes
{
    public const string ManifestNotFound = "PRAC1000";
    public const string YamlSyntax = "PRAC1001";
    public const string UnknownKey = "PRAC1002";
    public const string WrongType = "PRAC1003";
    public const string OutOfRange = "PRAC1004";
    public const string MissingKey = "PRAC1005";
    public const string InvalidChoice = "PRAC1006";
    public const string ConflictingKeys = "PRAC1007";
    public const string FileNotFound = "PRAC1009";
    public const string LengthMismatch = "PRAC1010";
    public const string InconsistentSettings = "PRAC1011";

    /// <summary>A warning, not an error: an old spelling that is still read as its new name.</summary>
    public const string DeprecatedChoice = "PRAC1012";

    public const string NoMatchingImages = "PRAC1020";
    public const string TooFewImages = "PRAC1021";

    public const string CorruptCacheEntry = "PRAC1030";
    public const string CacheLockTimeout = "PRAC1031";
}
