using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Credentials;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Assets;

/// <summary>
/// Turns what a scan collected into inventory entries of every class: the Azure AI resources, and from the directory
/// the AI apps (with why each is believed to be AI), Copilot catalogue packages, agent identities and blueprints, and
/// from the credential scan the resources whose settings carry an AI key. Properties hold facts, never a key value.
/// </summary>
public static class InventoryAssets
{
    /// <summary>One entry per Azure AI resource.</summary>
    /// <param name="inventory">The resources.</param>
    /// <param name="withFacts">False leaves out the normalised facts (<see cref="Asset.PropertiesJson"/>), for a graph that needs only ids, names and types.</param>
    public static IEnumerable<Asset> Of(AiInventory inventory, bool withFacts = true)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory.Resources.Select(resource => new Asset
        {
            ResourceId = resource.Id,
            Type = resource.Type,
            Name = resource.Name,
            Kind = resource.Kind,
            Location = resource.Location,
            Tags = resource.Tags,
            PropertiesJson = !withFacts ? null : JsonSerializer.Serialize(new
            {
                family = resource.Family.ToString(),
                publicNetworkAccess = resource.Network?.PublicNetworkAccess,
                openToInternet = resource.Network?.IsOpenToInternet,
                localAuthEnabled = resource.LocalAuthEnabled,
                identity = resource.IdentityType,
                customerManagedKey = resource.CustomerManagedKey,
                outboundRestricted = resource.OutboundRestricted,
                diagnosticSettings = resource.DiagnosticSettings?.Count,
                parent = resource.ParentId,
                customSubDomainName = resource.PropertyString("customSubDomainName"),
                model = resource.Family == AiResourceFamily.ModelDeployment ? $"{resource.PropertyString("model.name")} {resource.PropertyString("model.version")}" : null,
            }),
        });
    }

    /// <summary>
    /// The Copilot Studio agents of the environments a shard read: sharing, authentication, publish date, owner, and
    /// what they can reach (tools with their connection mode, HTTP hosts, knowledge sources); of credentials found in
    /// them only the count.
    /// </summary>
    public static IEnumerable<Asset> Of(Inventory.CopilotStudio.CopilotStudioInventory copilotStudio)
    {
        ArgumentNullException.ThrowIfNull(copilotStudio);
        var environments = copilotStudio.Environments.ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);
        return copilotStudio.Agents.Select(agent => new Asset
        {
            Class = AssetClass.CopilotStudioAgent,
            ResourceId = agent.ResourceId,
            Type = "powerplatform/bots",
            Name = agent.Name,
            Kind = agent.HasDefinition ? "generative" : "classic",
            Location = environments.GetValueOrDefault(agent.EnvironmentId)?.DisplayName ?? agent.EnvironmentId,
            PropertiesJson = JsonSerializer.Serialize(new
            {
                environment = agent.EnvironmentId,
                schemaName = agent.SchemaName,
                accessControlPolicy = agent.AccessControlPolicy,
                authenticationMode = agent.AuthenticationMode,
                authenticationTrigger = agent.AuthenticationTrigger,
                publishedOn = agent.PublishedOn,
                owner = agent.Owner is { } owner ? new { owner.Name, owner.EntraObjectId, owner.Disabled, owner.Exists } : null,
                tools = agent.Tools.Select(t => new { t.Component, mcpServer = t.IsMcpServer, connection = t.ConnectionReference, t.Connector, customConnector = t.IsCustomConnector, endpoint = t.Endpoint?.AbsoluteUri, credentials = t.UsesMakerCredentials ? "maker" : "user", t.OperationId }),
                httpHosts = agent.HttpRequests.Select(r => r.IsComputed ? "(computed)" : Uri.TryCreate(r.Url.Trim(), UriKind.Absolute, out var u) ? u.Authority : r.Url).Distinct(StringComparer.OrdinalIgnoreCase),
                knowledge = agent.KnowledgeSources.Select(k => new { k.Kind, k.Site }),
                credentialsFound = agent.Secrets.Count,
            }),
        });
    }

    /// <summary>Agent identities and blueprints, AI apps and Copilot packages of the directory (nothing when it was not collected).</summary>
    public static IEnumerable<Asset> Of(DirectoryInventory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var sp in directory.ServicePrincipals.Where(sp => sp.IsAgentIdentity))
        {
            listed.Add(sp.ResourceId);
            yield return Principal(sp, AssetClass.AgentIdentity, "graph/agentIdentity", new
            {
                blueprintAppId = sp.AgentIdentityBlueprintId,
                accountEnabled = sp.AccountEnabled,
                owners = sp.Owners?.Select(o => o.Display),
                permissions = Permissions(directory.PermissionsOf(sp)),
            });
        }

        var blueprintApps = directory.Applications.Where(a => a.IsAgentBlueprint).ToList();
        foreach (var app in blueprintApps)
        {
            yield return new Asset
            {
                Class = AssetClass.AgentBlueprint,
                ResourceId = app.ResourceId,
                Type = "graph/agentIdentityBlueprint",
                Name = app.DisplayName,
                PropertiesJson = JsonSerializer.Serialize(new
                {
                    appId = app.AppId,
                    signInAudience = app.SignInAudience,
                    credentials = app.Credentials.Count,
                    owners = app.Owners?.Select(o => o.Display),
                    agentIdentities = directory.ServicePrincipals.Count(sp => sp.IsAgentIdentity && string.Equals(sp.AgentIdentityBlueprintId, app.AppId, StringComparison.OrdinalIgnoreCase)),
                }),
            };
        }

        foreach (var sp in directory.ServicePrincipals.Where(sp => sp.IsAgentBlueprintPrincipal
            && !blueprintApps.Any(a => string.Equals(a.AppId, sp.AppId, StringComparison.OrdinalIgnoreCase))))
        {
            listed.Add(sp.ResourceId);
            yield return Principal(sp, AssetClass.AgentBlueprint, "graph/agentIdentityBlueprintPrincipal", new
            {
                appOwnerOrganizationId = sp.AppOwnerOrganizationId,
                permissions = Permissions(directory.PermissionsOf(sp)),
            });
        }

        foreach (var app in directory.AiApps().Where(a => !listed.Contains(a.ServicePrincipal.ResourceId)))
        {
            yield return Principal(app.ServicePrincipal, AssetClass.AiApp, "graph/servicePrincipal", new
            {
                origin = app.Origin.ToString(),
                product = app.Match.Product?.Product,
                vendor = app.Match.Product?.Vendor,
                category = app.Match.Product?.Category,
                matchReason = app.Match.Reason,
                matchConfidence = app.Match.Confidence.ToString(),
                publisherVerified = app.ServicePrincipal.VerifiedPublisher.IsVerified,
                publisher = app.ServicePrincipal.VerifiedPublisher.DisplayName,
                appOwnerOrganizationId = app.ServicePrincipal.AppOwnerOrganizationId,
                adminConsented = app.AdminConsented,
                consentingUsers = app.ConsentingUsers.Count,
                permissions = Permissions(app.Permissions),
            });
        }

        foreach (var package in directory.CopilotPackages ?? [])
        {
            yield return new Asset
            {
                Class = AssetClass.CopilotPackage,
                ResourceId = package.ResourceId,
                Type = "graph/copilotPackage",
                Name = package.DisplayName,
                Kind = package.Type,
                PropertiesJson = JsonSerializer.Serialize(new
                {
                    publisher = package.Publisher,
                    appId = package.AppId,
                    blocked = package.IsBlocked,
                    availableTo = package.AvailableTo,
                    deployedTo = package.DeployedTo,
                }),
            };
        }
    }

    /// <summary>One entry per resource whose settings, variables or deployment outputs carry an AI key (the key never: its detector, fingerprint and whose it is) or whose settings name an AI endpoint it calls.</summary>
    public static IEnumerable<Asset> Of(CredentialInventory credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var exposures = credentials.Exposures.ToLookup(e => e.SourceResourceId, StringComparer.OrdinalIgnoreCase);
        var calls = credentials.Endpoints.ToLookup(e => e.SourceResourceId, StringComparer.OrdinalIgnoreCase);
        foreach (var id in exposures.Select(g => g.Key).Concat(calls.Select(g => g.Key)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var source = exposures[id];
            yield return new Asset
            {
                Class = AssetClass.KeyConsumer,
                ResourceId = id,
                Type = TypeOf(id),
                Name = id.TrimEnd('/')[(id.TrimEnd('/').LastIndexOf('/') + 1)..],
                PropertiesJson = JsonSerializer.Serialize(new
                {
                    settings = source.Select(e => new { kind = e.SourceKind, name = e.Location, detector = e.Match.DetectorId, fingerprint = e.Match.Fingerprint.Value, account = e.Attribution?.AccountId })
                        .OrderBy(s => s.name, StringComparer.Ordinal),
                    accounts = source.Select(e => e.Attribution?.AccountId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal),
                    endpoints = calls[id].Select(e => new { kind = e.SourceKind, name = e.Location, host = e.Host })
                        .OrderBy(e => e.name, StringComparer.Ordinal).ThenBy(e => e.host, StringComparer.Ordinal),
                }),
            };
        }
    }

    /// <summary>
    /// One entry per identity that holds access to or from the AI: each managed identity the graph shows AI resources
    /// running as (<c>has-identity</c>), with the resources and the Azure roles it holds (<c>role-on</c>): what the AI
    /// can reach with it; and each service principal holding an Azure role on an AI resource (<paramref name="onAi"/>
    /// says which scopes are): who can reach the AI. Users and groups with such roles stay edges of the graph.
    /// </summary>
    public static IEnumerable<Asset> Identities(IEnumerable<Graph.GraphEdge> edges, Func<string, bool>? onAi = null)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var all = edges.ToList();
        var roles = all.Where(e => e.Relation == Graph.EdgeRelations.RoleOn).ToLookup(e => e.From, StringComparer.OrdinalIgnoreCase);
        var runAs = all.Where(e => e.Relation == Graph.EdgeRelations.HasIdentity).ToLookup(e => e.To, StringComparer.OrdinalIgnoreCase);
        var holders = onAi is null ? [] : roles.Where(r => r.Key.StartsWith(Graph.GraphEdges.ServicePrincipalNode(string.Empty), StringComparison.OrdinalIgnoreCase) && r.Any(e => onAi(e.To))).Select(r => r.Key);
        foreach (var node in runAs.Select(g => g.Key).Concat(holders.Where(h => !runAs.Contains(h))).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var runsFor = runAs[node].Select(e => e.From).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            var principalId = node[(node.LastIndexOf('/') + 1)..];
            yield return new Asset
            {
                Class = AssetClass.Identity,
                ResourceId = node,
                Type = runsFor.Count > 0 ? "graph/managedIdentity" : "graph/servicePrincipal",
                Name = runsFor.Count > 0
                    ? "identity of " + string.Join(", ", runsFor.Select(r => r.TrimEnd('/')[(r.TrimEnd('/').LastIndexOf('/') + 1)..]))
                    : "service principal " + principalId,
                PropertiesJson = JsonSerializer.Serialize(new
                {
                    principalId,
                    runsFor,
                    roles = roles[node].Select(r => new { role = r.Label, scope = r.To }).Distinct()
                        .OrderBy(r => r.scope, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.role, StringComparer.Ordinal),
                }),
            };
        }
    }

    /// <summary>The lower-case resource type of an ARM id (<c>microsoft.web/sites</c>, <c>microsoft.web/sites/slots</c>), or <c>unknown</c>.</summary>
    private static string TypeOf(string id)
    {
        var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var provider = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (provider < 0 || provider + 2 >= segments.Length)
        {
            return "unknown";
        }

        // providers/{namespace}/{type}/{name}[/{type}/{name}]…: the types are every other segment after the namespace.
        var types = segments.Skip(provider + 2).Where((_, i) => i % 2 == 0);
        return string.Join('/', [segments[provider + 1], .. types]).ToLowerInvariant();
    }

    private static Asset Principal(ServicePrincipal sp, AssetClass assetClass, string type, object properties) => new()
    {
        Class = assetClass,
        ResourceId = sp.ResourceId,
        Type = type,
        Name = sp.DisplayName,
        PropertiesJson = JsonSerializer.Serialize(new { servicePrincipalId = sp.Id, appId = sp.AppId, details = properties }),
    };

    private static IEnumerable<object> Permissions(IEnumerable<GrantedPermission> permissions) =>
        permissions.Select(p => new { resource = p.ResourceName, name = p.Name, kind = p.Kind.ToString(), tier = p.Tier.ToString(), allPrincipals = p.AllPrincipals });
}
