using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Inventory.Access;

/// <summary>
/// Which role assignments the graph keeps from a scope's <c>authorizationresources</c>: those of the identities AI
/// resources run as (what the AI can reach), and those whose scope is an AI resource or lies under one (who can reach
/// the AI). Assignments on a resource group or subscription that contains AI resources are not kept: they would name
/// every owner of the subscription, and the path rules read the identities' own roles for those.
/// </summary>
/// <param name="PrincipalIds">Object ids of the managed identities AI resources run as.</param>
/// <param name="AiResourceIds">Ids of the AI resources (top-level ARM resources).</param>
public sealed record RoleAssignmentSelection(IReadOnlySet<string> PrincipalIds, IReadOnlySet<string> AiResourceIds)
{
    /// <summary>Selects nothing.</summary>
    public static RoleAssignmentSelection None { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>
    /// Keeps every assignment the query returns (those of service principals, and any on a scope under an AI resource
    /// provider): what a scan stores before it knows its inventory; the graph then keeps those <see cref="Keeps(GraphEdge)"/> selects.
    /// </summary>
    public static RoleAssignmentSelection Everything { get; } = new(new HashSet<string>(), new HashSet<string>()) { KeepsAll = true };

    /// <summary>True for <see cref="Everything"/>.</summary>
    public bool KeepsAll { get; private init; }

    /// <summary>True when no assignment can be kept, so the query need not run.</summary>
    public bool IsEmpty => !KeepsAll && PrincipalIds.Count == 0 && AiResourceIds.Count == 0;

    /// <summary>Whether an assignment of <paramref name="principalId"/> at <paramref name="scope"/> is kept.</summary>
    public bool Keeps(string principalId, string scope) => KeepsAll || PrincipalIds.Contains(principalId) || IsOnAiResource(scope);

    /// <summary>Whether the <c>role-on</c> edge <paramref name="roleEdge"/> (from the assignee's node to the scope) is kept; an edge of another relation is.</summary>
    public bool Keeps(GraphEdge roleEdge)
    {
        ArgumentNullException.ThrowIfNull(roleEdge);
        return roleEdge.Relation != EdgeRelations.RoleOn || Keeps(roleEdge.From[(roleEdge.From.LastIndexOf('/') + 1)..], roleEdge.To);
    }

    /// <summary>Whether <paramref name="scope"/> is an AI resource or lies under one.</summary>
    public bool IsOnAiResource(string scope) => ArmId.TopLevelOf(scope) is { } resource && AiResourceIds.Contains(resource);
}
