using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Graph;

/// <summary>
/// Reads the relationships a scan shard's data shows: who holds whose key, what contains what, which identity a
/// resource runs as, what an app was granted, who owns it. Pure: the same snapshot gives the same edges.
/// </summary>
public static class GraphEdges
{
    /// <summary>The edges of <paramref name="snapshot"/>.</summary>
    public static IEnumerable<GraphEdge> Of(PostureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var exposure in snapshot.Credentials.Exposures)
        {
            if (exposure.Attribution is { } attribution)
            {
                yield return new GraphEdge(exposure.SourceResourceId, EdgeRelations.ConsumesKeyOf, attribution.AccountId, exposure.Location,
                    $"{exposure.SourceKind} '{exposure.Location}' holds {attribution.Slot} of the account ({exposure.Match.Fingerprint.Value})");
            }
        }

        // Settings that name an AI endpoint without holding its key: the app calls that AI with its identity (or a key
        // kept elsewhere). An endpoint of another shard's or tenant's AI ends at the host until the run's close resolves it.
        var held = snapshot.Credentials.Exposures.Where(e => e.Attribution is not null)
            .Select(e => (Source: e.SourceResourceId.ToUpperInvariant(), Account: e.Attribution!.AccountId.ToUpperInvariant())).ToHashSet();
        var endpoints = AiEndpointDirectory.Of(snapshot.Azure.Resources);
        foreach (var call in snapshot.Credentials.Endpoints.GroupBy(r => (Source: r.SourceResourceId.ToUpperInvariant(), r.Host)))
        {
            var first = call.First();
            var target = endpoints.Resolve(first.Host) ?? EndpointNode(first.Host);
            if (!held.Contains((call.Key.Source, target.ToUpperInvariant())))
            {
                yield return CallsEndpoint(first.SourceResourceId, target, first.Host, call.Select(r => $"{r.SourceKind} '{r.Location}'"));
            }
        }

        foreach (var resource in snapshot.Azure.Resources)
        {
            if (resource.ParentId is { } parent)
            {
                yield return new GraphEdge(parent, EdgeRelations.Contains, resource.Id, null, $"{resource.Type} under its parent");
                if (resource.Family == Inventory.AzureAi.AiResourceFamily.ModelDeployment && resource.PropertyString("raiPolicyName") is { Length: > 0 } policy
                    && !policy.StartsWith("Microsoft.", StringComparison.OrdinalIgnoreCase))
                {
                    yield return new GraphEdge(resource.Id, EdgeRelations.FilteredBy, $"{parent}/raiPolicies/{policy}", policy, $"raiPolicyName '{policy}' of the deployment");
                }
            }

            if (GroundingLink.Of(resource) is { } grounded)
            {
                yield return grounded;
            }

            foreach (var principal in resource.IdentityPrincipalIds)
            {
                yield return new GraphEdge(resource.Id, EdgeRelations.HasIdentity, ServicePrincipalNode(principal), null, $"identity of {resource.Type} (principal {principal})");
            }
        }

        // Directory edges only for the principals the AI-BOM is about: AI apps, agents and their blueprints, managed
        // identities; a tenant's thousands of other apps stay out of the graph.
        var directory = snapshot.Directory;
        var aiApps = directory.AiApps().Select(a => a.ServicePrincipal.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var sp in directory.ServicePrincipals.Where(sp => sp.IsAgentIdentity || sp.IsAgentBlueprintPrincipal || sp.IsManagedIdentity || aiApps.Contains(sp.Id)))
        {
            foreach (var permission in directory.PermissionsOf(sp))
            {
                yield return new GraphEdge(sp.ResourceId, EdgeRelations.Granted, ServicePrincipalNode(permission.ResourceId), $"{permission.Name} ({permission.Kind})",
                    $"{permission.Display}, {permission.Kind}, {permission.Tier}{(permission.AllPrincipals ? ", all users" : string.Empty)}");
            }

            foreach (var owner in sp.Owners ?? [])
            {
                yield return new GraphEdge(sp.ResourceId, EdgeRelations.OwnedBy, OwnerNode(owner), OwnerName(owner), $"owner {owner.Display} of the service principal");
            }

            if (sp.IsAgentIdentity && sp.AgentIdentityBlueprintId is { } blueprintAppId
                && directory.Applications.FirstOrDefault(a => a.IsAgentBlueprint && string.Equals(a.AppId, blueprintAppId, StringComparison.OrdinalIgnoreCase)) is { } blueprint)
            {
                yield return new GraphEdge(sp.ResourceId, EdgeRelations.InstanceOf, blueprint.ResourceId, null, $"agentIdentityBlueprintId {blueprintAppId}");
            }

            if (directory.ApplicationOf(sp) is { } app)
            {
                yield return new GraphEdge(sp.ResourceId, EdgeRelations.RegisteredAs, app.ResourceId, null, $"app registration {app.AppId} of this tenant");
                foreach (var owner in app.Owners ?? [])
                {
                    yield return new GraphEdge(app.ResourceId, EdgeRelations.OwnedBy, OwnerNode(owner), OwnerName(owner), $"owner {owner.Display} of the app registration");
                }
            }
        }
    }

    /// <summary>The node an AI endpoint host stands for until it is resolved to its account or Search service.</summary>
    public static string EndpointNode(string host) => "https://" + host;

    /// <summary>Whether <paramref name="nodeId"/> is an unresolved endpoint host (<see cref="EndpointNode"/>).</summary>
    public static bool IsEndpointNode(string nodeId) => nodeId.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A <c>calls-endpoint</c> edge from <paramref name="source"/> to <paramref name="target"/> (a resource id or <see cref="EndpointNode"/>), with the settings that name the host.</summary>
    public static GraphEdge CallsEndpoint(string source, string target, string host, IEnumerable<string> settings)
    {
        var named = settings.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new(source, EdgeRelations.CallsEndpoint, target, host, $"{string.Join(", ", named)} name{(named.Count == 1 ? "s" : string.Empty)} https://{host}");
    }

    /// <summary>The node id of a service principal (or managed identity) by object id.</summary>
    public static string ServicePrincipalNode(string objectId) => "graph:/servicePrincipals/" + objectId;

    /// <summary>The node id of a user by object id.</summary>
    public static string UserNode(string objectId) => "graph:/users/" + objectId;

    /// <summary>The node id of a group by object id.</summary>
    public static string GroupNode(string objectId) => "graph:/groups/" + objectId;

    private static string OwnerName(DirectoryOwner owner) => owner.UserPrincipalName ?? owner.DisplayName ?? owner.Id;

    private static string OwnerNode(DirectoryOwner owner) => owner.IsUser ? UserNode(owner.Id)
        : owner.IsServicePrincipal ? ServicePrincipalNode(owner.Id)
        : "graph:/directoryObjects/" + owner.Id;
}
