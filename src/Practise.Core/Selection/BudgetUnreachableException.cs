namespace Practise.Core.Selection;

/// <summary>The latency budget cannot be met even with every droppable block removed.</summary>
public sealed class BudgetUnreachableException : Exception
{
    public BudgetUnreachableException(string message) : base(message) { }

    public BudgetUnreachableException(string message, Exception inner) : base(message, inner) { }

    public BudgetUnreachableException() { }
}
