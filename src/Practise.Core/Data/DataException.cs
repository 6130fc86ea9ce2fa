namespace Practise.Core.Data;

/// <summary>A data file or selection that cannot be used, naming the file and the problem.</summary>
public sealed class DataException : Exception
{
    public DataException(string message) : base(message) { }

    public DataException(string message, Exception inner) : base(message, inner) { }

    public DataException() { }
}
