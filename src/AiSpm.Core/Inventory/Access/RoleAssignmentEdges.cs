using System.Text.Json;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Inventory.Access;

/// <summary>
/// Turns rows of Resource Graph's <c>authorizationresources</c> (role assignments, as Microsoft documents them:
/// <c>id</c>, <c>properties.principalId</c>, <c>properties.roleDefinitionId</c>, <c>properties.scope</c>, and
/// <c>properties.principalType</c> when present) into <c>role-on</c> edges from the assignee (service principal, user or
/// group) to the scope, labelled with the role's name, or with "role {definition id}" when it is not a built-in role
/// AiSpm knows. Only the assignments a <see cref="RoleAssignmentSelection"/> keeps become edges.
/// </summary>
public static class RoleAssignmentEdges
{
    /// <summary>
    /// The Resource Graph query: role assignments, their documented properties, narrowed on the service to those a
    /// <see cref="RoleAssignmentSelection"/> can keep — assignments of service principals (managed identities are
    /// service principals), of an assignee whose type is not given, and any assignment on a scope under an AI resource
    /// provider — so the people and groups holding roles across a tenant's subscriptions are not paged through.
    /// </summary>
    public const string Query = "authorizationresources | where type =~ 'microsoft.authorization/roleassignments'"
        + " | where tostring(properties.principalType) =~ 'ServicePrincipal' or isempty(properties.principalType)"
        + " or tostring(properties.scope) contains '/providers/Microsoft.CognitiveServices/' or tostring(properties.scope) contains '/providers/Microsoft.MachineLearningServices/'"
        + " or tostring(properties.scope) contains '/providers/Microsoft.Search/' or tostring(properties.scope) contains '/providers/Microsoft.BotService/'"
        + " | project id, properties";

    /// <summary>The edge of <paramref name="row"/> when <paramref name="selection"/> keeps it; null otherwise or when the row lacks a documented property (<paramref name="malformed"/> then says so).</summary>
    public static GraphEdge? Read(JsonElement row, RoleAssignmentSelection selection, out bool malformed)
    {
        ArgumentNullException.ThrowIfNull(selection);
        malformed = false;
        if (row.ValueKind != JsonValueKind.Object
            || !row.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !row.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || Text(properties, "principalId") is not { } principal || Text(properties, "roleDefinitionId") is not { } definition || Text(properties, "scope") is not { } scope)
        {
            malformed = true;
            return null;
        }

        if (!selection.Keeps(principal, scope))
        {
            return null;
        }

        var role = AzureRoles.NameOf(definition);
        var definitionGuid = definition.TrimEnd('/')[(definition.TrimEnd('/').LastIndexOf('/') + 1)..];
        // principalType is optional in the documented shape; without it the assignee is taken for a service principal.
        var assignee = Text(properties, "principalType") switch
        {
            { } t when t.Equals("User", StringComparison.OrdinalIgnoreCase) => GraphEdges.UserNode(principal),
            { } t when t.Contains("Group", StringComparison.OrdinalIgnoreCase) => GraphEdges.GroupNode(principal),
            _ => GraphEdges.ServicePrincipalNode(principal),
        };
        return new GraphEdge(assignee, EdgeRelations.RoleOn, scope, role ?? "role " + definitionGuid,
            $"role assignment {id.GetString()}{(role is null ? " (a role AiSpm does not know: not counted as privileged)" : string.Empty)}");
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;
}
