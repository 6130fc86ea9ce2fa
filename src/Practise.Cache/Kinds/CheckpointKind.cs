using System.Globalization;

namespace Practise.Cache;

/// <summary>
/// Kind <c>checkpoint</c>: where a group of blocks scored side by side stands while it trains. The value is the
/// iteration reached; blob <see cref="StateBlob"/> of it holds every adaptor's weights and SGD momentum. A finished
/// group deletes its checkpoint.
/// </summary>
public static class CheckpointKind
{
    public const string Name = "checkpoint";

    /// <summary>
    /// Named by the iteration, so a newer checkpoint never overwrites the file an older entry still points at: the
    /// entry moves to the new blob when it is rewritten, and the old blob is deleted after.
    /// </summary>
    public static string StateBlob(int iteration) => string.Create(CultureInfo.InvariantCulture, $"{iteration}.safetensors");

    /// <summary>The group's blocks and their recoverability keys: a checkpoint only ever resumes the very same computation.</summary>
    public static CacheKey Key(IReadOnlyList<string> group, IEnumerable<CacheKey> recoverabilityKeys) =>
        new CacheKey(Name).Add("blocks", group).Add("recoverability", recoverabilityKeys.Select(key => key.Hash));
}
