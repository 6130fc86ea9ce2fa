namespace Practise.Core.Latency;

/// <summary>A latency profile that cannot serve a request: unreadable, for other settings, or missing a variant.</summary>
public sealed class LatencyProfileException : Exception
{
    public LatencyProfileException(string message)
        : base(message)
    {
    }

    public LatencyProfileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
