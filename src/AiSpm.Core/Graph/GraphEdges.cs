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
                yield return Containment(parent, resource.Id, resource.Type);
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

        foreach (var edge in AgentEdges(snapshot.CopilotStudio))
        {
            yield return edge;
        }
    }

    /// <summary>
    /// The edges of <paramref name="edges"/> an edge store keeps: every one but <c>contains</c>, which
    /// <see cref="ContainmentOf"/> reads off the assets wherever it is needed (28 % of a large tenant's edges,
    /// never written or read back).
    /// </summary>
    public static IEnumerable<GraphEdge> KeptInStore(IEnumerable<GraphEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return edges.Where(e => !string.Equals(e.Relation, EdgeRelations.Contains, StringComparison.Ordinal));
    }

    /// <summary>
    /// The <c>contains</c> edges of Azure AI assets, read off their ids and types: every child resource under its parent,
    /// exactly the edges <see cref="Of"/> gives for the scan that listed them. Edge stores do not keep them
    /// (<see cref="KeptInStore"/>): the close and the exports derive them from the assets they read anyway.
    /// </summary>
    public static IEnumerable<GraphEdge> ContainmentOf(IEnumerable<Assets.Asset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        foreach (var asset in assets)
        {
            if (asset.Class == Assets.AssetClass.AiResource && AiResourceTypes.FamilyOf(asset.Type) is { } family && AiResource.ParentOf(asset.ResourceId, asset.Type, family) is { } parent)
            {
                yield return Containment(parent, asset.ResourceId, asset.Type);
            }
        }
    }

    private static GraphEdge Containment(string parent, string child, string type) => new(parent, EdgeRelations.Contains, child, null, $"{type} under its parent");

    /// <summary>
    /// The edges of the Copilot Studio agents: each tool to its connector (<c>uses-connector</c>), a custom connector's
    /// endpoint and each literal HTTP request host (<c>calls-endpoint</c>), each knowledge source (<c>grounded-on</c>), and
    /// the owner (<c>owned-by</c>, the Entra user when Dataverse names one).
    /// </summary>
    private static IEnumerable<GraphEdge> AgentEdges(Inventory.CopilotStudio.CopilotStudioInventory copilotStudio)
    {
        foreach (var agent in copilotStudio.Agents)
        {
            foreach (var tool in agent.Tools)
            {
                var credentials = tool.UsesMakerCredentials ? "the maker's credentials" : "the user's credentials";
                if (tool.Connector is { } connector)
                {
                    yield return new GraphEdge(agent.ResourceId, EdgeRelations.UsesConnector, ConnectorNode(agent.EnvironmentId, connector), tool.Component,
                        $"{(tool.IsMcpServer ? "MCP server tool" : "tool")} '{tool.Component}' through connection reference {tool.ConnectionReference} on {credentials}");
                }

                if (tool.Endpoint is { } endpoint)
                {
                    yield return new GraphEdge(agent.ResourceId, EdgeRelations.CallsEndpoint, endpoint.GetLeftPart(UriPartial.Authority), endpoint.Host,
                        $"custom connector of '{tool.Component}' calls {endpoint.AbsoluteUri}");
                }
            }

            foreach (var request in agent.HttpRequests.Where(r => !r.IsComputed).GroupBy(r => Uri.TryCreate(r.Url.Trim(), UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : null))
            {
                if (request.Key is { } target)
                {
                    yield return new GraphEdge(agent.ResourceId, EdgeRelations.CallsEndpoint, target, new Uri(target).Host,
                        $"HTTP request node{(request.Count() == 1 ? string.Empty : "s")} {string.Join(", ", request.Select(r => $"'{r.Component}'").Distinct(StringComparer.Ordinal))}");
                }
            }

            foreach (var source in agent.KnowledgeSources)
            {
                yield return new GraphEdge(agent.ResourceId, EdgeRelations.GroundedOn, source.Site is { Length: > 0 } site ? site.TrimEnd('/') : "knowledge:" + source.Kind, source.Kind,
                    $"knowledge source '{source.Component}'");
            }

            if (agent.Owner is { } owner)
            {
                yield return new GraphEdge(agent.ResourceId, EdgeRelations.OwnedBy,
                    owner.EntraObjectId is { } objectId ? UserNode(objectId) : $"powerplatform:/environments/{agent.EnvironmentId}/systemusers/{owner.SystemUserId}", owner.Name,
                    owner.Exists == false ? $"owner systemuser {owner.SystemUserId} (no longer in the environment)" : $"owner {owner.Name} of the agent{(owner.Disabled == true ? " (disabled)" : string.Empty)}");
            }
        }
    }

    /// <summary>The node of a Power Platform connector in an environment (the last segment of its <c>connectorid</c>).</summary>
    public static string ConnectorNode(string environmentId, string connectorId) =>
        $"powerplatform:/environments/{environmentId}/connectors/{connectorId.TrimEnd('/').Split('/')[^1]}";

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
