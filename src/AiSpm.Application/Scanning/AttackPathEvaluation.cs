namespace AiSpm.Application.Scanning;

/// <summary>What deciding the attack paths of a run came to.</summary>
/// <param name="Open">Paths found (after a full scan) or still intact (after an event).</param>
/// <param name="Resolved">Open paths resolved because they were not found again or a link broke.</param>
/// <param name="Stages">How long each stage took, in order (empty for an event's re-check).</param>
public sealed record AttackPathEvaluation(int Open, int Resolved, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Stages)
{
    /// <summary>The nodes of the graph the paths were decided on (0 for an event's re-check).</summary>
    public int Nodes { get; init; }

    /// <summary>The edges of that graph (0 for an event's re-check).</summary>
    public int Edges { get; init; }
}
