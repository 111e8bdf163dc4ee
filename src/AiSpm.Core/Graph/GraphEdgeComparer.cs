namespace AiSpm.Core.Graph;

/// <summary>
/// When two edges are the same: their ends (ignoring case, as ARM ids do), relation and label — the identity an edge
/// is stored under — and, for <see cref="WithEvidence"/>, their evidence too (the same edge read again unchanged).
/// </summary>
public sealed class GraphEdgeComparer : IEqualityComparer<GraphEdge>
{
    private readonly bool _evidence;

    private GraphEdgeComparer(bool evidence) => _evidence = evidence;

    /// <summary>Same ends, relation and label.</summary>
    public static GraphEdgeComparer Instance { get; } = new(evidence: false);

    /// <summary>Same ends, relation, label and evidence.</summary>
    public static GraphEdgeComparer WithEvidence { get; } = new(evidence: true);

    /// <inheritdoc />
    public bool Equals(GraphEdge? x, GraphEdge? y) => ReferenceEquals(x, y) || (x is not null && y is not null
        && string.Equals(x.From, y.From, StringComparison.OrdinalIgnoreCase) && string.Equals(x.To, y.To, StringComparison.OrdinalIgnoreCase)
        && string.Equals(x.Relation, y.Relation, StringComparison.Ordinal) && string.Equals(x.Label, y.Label, StringComparison.Ordinal)
        && (!_evidence || string.Equals(x.Evidence, y.Evidence, StringComparison.Ordinal)));

    /// <inheritdoc />
    public int GetHashCode(GraphEdge obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.From), obj.Relation, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.To), obj.Label);
    }
}
