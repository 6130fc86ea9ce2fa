namespace Practise.Core.Adaptors;

/// <summary>
/// A block that adaptors can surround (docs/adaptors.md): its family says here which of its convs write to the stream
/// (after-adaptors when a later block of the stage is dropped) and which read it (pre-adaptors when an earlier one
/// is), so <see cref="AdaptorPlacement"/> needs no list of block types. Every conv named must be dense (groups = 1):
/// only a dense conv absorbs a 1×1 mixing when the adaptors are folded.
/// </summary>
public interface IAdaptableBlock
{
    /// <summary>Module paths (under <paramref name="path"/>, the block's own) of the convs whose output joins the stream.</summary>
    IEnumerable<string> StreamWriters(string path);

    /// <summary>Module paths (under <paramref name="path"/>) of the convs that read the stream.</summary>
    IEnumerable<string> StreamReaders(string path);
}
