using AiSpm.Core.Graph;

namespace AiSpm.Connectors.Collection;

/// <summary>What <see cref="ResourceGraphEdgeCollector"/> read: the edges, the queries that failed, and rows skipped for missing properties.</summary>
public sealed record EdgeCollection(IReadOnlyList<GraphEdge> Edges, IReadOnlyList<CollectionError> Errors, int SkippedRows)
{
    /// <summary>Nothing read.</summary>
    public static EdgeCollection Empty { get; } = new([], [], 0);
}
