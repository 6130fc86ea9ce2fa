namespace Practise.Core.Pipeline;

/// <summary>A failure of the compression pipeline with a stable code (PRAC2xxx, or PRAC0005) that the CLI and MSBuild report.</summary>
public sealed class PractiseException : Exception
{
    public PractiseException(string code, string message, Exception? inner = null) : base(message, inner) => Code = code;

    public PractiseException() : this(PipelineErrors.Failure, "compression failed") { }

    public PractiseException(string message) : this(PipelineErrors.Failure, message) { }

    public PractiseException(string message, Exception inner) : this(PipelineErrors.Failure, message, inner) { }

    public string Code { get; }
}

/// <summary>Stable pipeline error codes. Never renumber: users search for them.</summary>
public static class PipelineErrors
{
    public const string Failure = "PRAC2000";

    /// <summary>
    /// Weights that do not fit the architecture. Every command loads models through <see cref="TeacherLoader"/>, so this
    /// is the code docs/cli.md lists for it, not a PRAC2xxx one; PRAC2001 (its former pipeline code) is retired.
    /// </summary>
    public const string WeightsMismatch = "PRAC0005";

    public const string BadData = "PRAC2002";
    public const string BudgetUnreachable = "PRAC2003";
    public const string LatencyProfile = "PRAC2004";
    public const string AccuracyBelowMinimum = "PRAC2005";

    /// <summary>device or latency.device is cuda where libtorch sees no GPU (the CPU build, or no driver).</summary>
    public const string NoCudaDevice = "PRAC2006";

    /// <summary>The latency budget could not be decided with confidence before latency.max-seconds ran out (docs/latency.md).</summary>
    public const string LatencyTooNoisy = "PRAC2007";

    /// <summary>data.train.synthetic with a teacher that has no BatchNorm layer, whose statistics synthesis matches (docs/data-free.md).</summary>
    public const string NoBatchNorm = "PRAC2008";

    /// <summary>
    /// Retired: compress refused method channels and blocks+channels with it before it ran them. Kept so the number
    /// is never reused.
    /// </summary>
    public const string MethodNotAvailable = "PRAC2009";

    /// <summary>
    /// channels.ratio removes no channel, or its measured latency misses the latency budget with confidence
    /// (docs/channel-pruning.md): the fixed ratio and the budget conflict.
    /// </summary>
    public const string ChannelRatio = "PRAC2010";
}
