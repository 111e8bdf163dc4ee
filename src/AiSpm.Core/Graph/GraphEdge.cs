namespace AiSpm.Core.Graph;

/// <summary>
/// One relationship between two assets, with what shows it. Ids are ARM ids or Graph paths
/// (<c>graph:/servicePrincipals/{id}</c>, <c>graph:/users/{id}</c>); the target need not have been collected.
/// </summary>
/// <param name="From">The source node.</param>
/// <param name="Relation">One of <see cref="EdgeRelations"/>.</param>
/// <param name="To">The target node.</param>
/// <param name="Label">What distinguishes several edges of one relation between the same nodes (a permission, a role, a setting), or null.</param>
/// <param name="Evidence">Where the relationship was read, in one line (never a secret).</param>
public sealed record GraphEdge(string From, string Relation, string To, string? Label, string Evidence);
