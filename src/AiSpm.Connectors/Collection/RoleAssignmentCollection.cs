using AiSpm.Core.Graph;

namespace AiSpm.Connectors.Collection;

/// <summary>What <see cref="RoleAssignmentCollector"/> read: the edges, the queries that failed, and rows skipped for missing properties.</summary>
public sealed record RoleAssignmentCollection(IReadOnlyList<GraphEdge> Edges, IReadOnlyList<CollectionError> Errors, int SkippedRows);
