using AiSpm.Core.Findings;

namespace AiSpm.Core.Rules.Paths;

/// <summary>One step of an attack path: the node, the edge that led to it (null for the first), and the open findings that make it a step.</summary>
/// <param name="NodeId">The node (ARM id or Graph path).</param>
/// <param name="Via">The edge from the previous hop, or null for the first.</param>
/// <param name="Findings">The member findings on this node.</param>
/// <param name="Name">How messages name the node; null for the last segment of its id.</param>
public sealed record PathHop(string NodeId, Graph.GraphEdge? Via, IReadOnlyList<Finding> Findings, string? Name = null);
