namespace Practise.Core.Adaptors;

/// <summary>Which side of its conv an adaptor sits on.</summary>
public enum AdaptorKind
{
    /// <summary>The conv sees P·x: it re-mixes what a block after the gap reads from the stream.</summary>
    Pre,

    /// <summary>The conv's output becomes P·conv(x), before its BatchNorm: it re-mixes what a block writes.</summary>
    After,
}
