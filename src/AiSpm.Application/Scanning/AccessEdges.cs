using AiSpm.Core.Graph;

namespace AiSpm.Application.Scanning;

/// <summary>What an <see cref="AccessEdgeRefresh"/> leaves: the <c>role-on</c> and <c>alert</c> edges as they now stand, and the store's writes.</summary>
/// <param name="Edges">The edges read, with the stored ones standing in for a query that failed.</param>
/// <param name="RolesComplete">Every role assignment was read.</param>
/// <param name="AlertsComplete">Every alert was read.</param>
/// <param name="Writes">The writes bringing the store to <paramref name="Edges"/>, already under way.</param>
public sealed record AccessEdges(IReadOnlyList<GraphEdge> Edges, bool RolesComplete, bool AlertsComplete, Task Writes);
