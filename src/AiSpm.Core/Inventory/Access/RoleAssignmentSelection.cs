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

    /// <summary>True when no assignment can be kept, so the query need not run.</summary>
    public bool IsEmpty => PrincipalIds.Count == 0 && AiResourceIds.Count == 0;

    /// <summary>Whether an assignment of <paramref name="principalId"/> at <paramref name="scope"/> is kept.</summary>
    public bool Keeps(string principalId, string scope) => PrincipalIds.Contains(principalId) || IsOnAiResource(scope);

    /// <summary>Whether <paramref name="scope"/> is an AI resource or lies under one.</summary>
    public bool IsOnAiResource(string scope) => ArmId.TopLevelOf(scope) is { } resource && AiResourceIds.Contains(resource);
}
