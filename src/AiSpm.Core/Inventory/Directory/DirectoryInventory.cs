namespace AiSpm.Core.Inventory.Directory;

/// <summary>Who owns an app, seen from this tenant.</summary>
public enum AppOrigin
{
    /// <summary>A Microsoft first-party app.</summary>
    Microsoft,

    /// <summary>Registered in this tenant (home-grown).</summary>
    ThisTenant,

    /// <summary>Registered in another tenant (third-party, multi-tenant).</summary>
    ThirdParty,

    /// <summary>A managed identity.</summary>
    ManagedIdentity,

    /// <summary>An Entra agent identity or agent blueprint principal.</summary>
    Agent,

    /// <summary>Not decidable from the data.</summary>
    Unknown,
}

/// <summary>One permission a client service principal holds on a resource, resolved to a name and a tier.</summary>
/// <param name="ClientId">The client service principal.</param>
/// <param name="ResourceId">The resource service principal.</param>
/// <param name="ResourceName">The resource's display name (or its id when it was not collected).</param>
/// <param name="Permission">The classified permission.</param>
/// <param name="AllPrincipals">Delegated: consented for every user; application: always true.</param>
/// <param name="ConsentingUsers">Delegated with user consent: the users who consented.</param>
public sealed record GrantedPermission(string ClientId, string ResourceId, string ResourceName, TieredPermission Permission, bool AllPrincipals, IReadOnlyList<string> ConsentingUsers)
{
    /// <summary>The permission's name.</summary>
    public string Name => Permission.Name;

    /// <summary>Application or delegated.</summary>
    public PermissionKind Kind => Permission.Kind;

    /// <summary>The tier.</summary>
    public PermissionTier Tier => Permission.Tier;

    /// <summary><c>Resource: Name</c> for messages and evidence.</summary>
    public string Display => $"{ResourceName}: {Name}";
}

/// <summary>An AI app found in the tenant, with what it may do and who let it.</summary>
/// <param name="ServicePrincipal">The app's service principal.</param>
/// <param name="Match">Why it is considered an AI app.</param>
/// <param name="Origin">Third-party or home-grown.</param>
/// <param name="AdminConsented">True when an admin consented for all users or granted application permissions.</param>
/// <param name="ConsentingUsers">Users who consented for themselves.</param>
/// <param name="Permissions">Every permission it holds.</param>
public sealed record AiAppEntry(ServicePrincipal ServicePrincipal, AiAppMatch Match, AppOrigin Origin, bool AdminConsented, IReadOnlyList<string> ConsentingUsers, IReadOnlyList<GrantedPermission> Permissions);

/// <summary>
/// The Entra ID and Microsoft 365 part of the AI-BOM: service principals, app registrations, delegated and
/// application grants, consent policies and Copilot settings. A part that was not collected is null (policies,
/// Copilot) or flagged in <see cref="NotCollected"/>, so rules can say Unknown instead of passing.
/// </summary>
public sealed class DirectoryInventory
{
    private readonly Dictionary<string, ServicePrincipal> _byId;
    private readonly Dictionary<string, ServicePrincipal> _byAppId;
    private readonly Dictionary<string, DirectoryApplication> _appsByAppId;
    private readonly ILookup<string, DelegatedGrant> _grantsByClient;
    private readonly ILookup<string, AppRoleGrant> _rolesByPrincipal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<GrantedPermission>> _permissions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<IReadOnlyList<AiAppEntry>> _aiApps;
    private readonly Dictionary<string, CopilotAdminImport> _imported;

    /// <summary>Creates the inventory.</summary>
    public DirectoryInventory(
        IEnumerable<ServicePrincipal> servicePrincipals,
        IEnumerable<DirectoryApplication> applications,
        IEnumerable<DelegatedGrant> delegatedGrants,
        IEnumerable<AppRoleGrant> appRoleGrants,
        string? tenantId = null,
        AuthorizationPolicy? authorizationPolicy = null,
        AdminConsentRequestPolicy? adminConsentRequestPolicy = null,
        CopilotLimitedMode? copilotLimitedMode = null,
        IEnumerable<CopilotPackage>? copilotPackages = null,
        IEnumerable<string>? notCollected = null,
        CopilotUsageSummary? copilotUsage = null,
        AppManagementPolicy? appManagementPolicy = null,
        IReadOnlyDictionary<string, CopilotAdminImport>? importedParts = null)
    {
        _imported = importedParts is null ? [] : new Dictionary<string, CopilotAdminImport>(importedParts, StringComparer.OrdinalIgnoreCase);
        ServicePrincipals = servicePrincipals.ToList();
        Applications = applications.ToList();
        DelegatedGrants = delegatedGrants.ToList();
        AppRoleGrants = appRoleGrants.ToList();
        AuthorizationPolicy = authorizationPolicy;
        AdminConsentRequestPolicy = adminConsentRequestPolicy;
        CopilotLimitedMode = copilotLimitedMode;
        CopilotPackages = copilotPackages?.ToList();
        CopilotUsage = copilotUsage;
        AppManagementPolicy = appManagementPolicy;
        NotCollected = notCollected?.ToList() ?? [];
        _byId = ServicePrincipals.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _byAppId = ServicePrincipals.Where(s => s.AppId is not null).GroupBy(s => s.AppId!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _appsByAppId = Applications.GroupBy(a => a.AppId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        _grantsByClient = DelegatedGrants.ToLookup(g => g.ClientId, StringComparer.OrdinalIgnoreCase);
        _rolesByPrincipal = AppRoleGrants.ToLookup(g => g.PrincipalId, StringComparer.OrdinalIgnoreCase);
        TenantId = tenantId ?? Applications.Select(a => _byAppId.GetValueOrDefault(a.AppId)?.AppOwnerOrganizationId).FirstOrDefault(t => t is not null);
        _aiApps = new Lazy<IReadOnlyList<AiAppEntry>>(FindAiApps);
        IsCollected = ServicePrincipals.Count > 0 || Applications.Count > 0 || authorizationPolicy is not null || adminConsentRequestPolicy is not null
            || copilotLimitedMode is not null || CopilotPackages is not null || copilotUsage is not null || appManagementPolicy is not null;
    }

    /// <summary>Nothing collected from the directory.</summary>
    public static DirectoryInventory Empty { get; } = new([], [], [], []);

    /// <summary>False when the scan did not read the directory at all (rules then stay silent).</summary>
    public bool IsCollected { get; }

    /// <summary>This tenant's id (given, or inferred from the owner of its own app registrations), or null.</summary>
    public string? TenantId { get; }

    /// <summary>Service principals (one per object id).</summary>
    public IReadOnlyList<ServicePrincipal> ServicePrincipals { get; }

    /// <summary>App registrations of this tenant.</summary>
    public IReadOnlyList<DirectoryApplication> Applications { get; }

    /// <summary>oauth2PermissionGrants.</summary>
    public IReadOnlyList<DelegatedGrant> DelegatedGrants { get; }

    /// <summary>App role assignments to service principals.</summary>
    public IReadOnlyList<AppRoleGrant> AppRoleGrants { get; }

    /// <summary>The authorization policy, or null when not collected.</summary>
    public AuthorizationPolicy? AuthorizationPolicy { get; }

    /// <summary>The admin consent request policy, or null when not collected.</summary>
    public AdminConsentRequestPolicy? AdminConsentRequestPolicy { get; }

    /// <summary>Copilot in Teams meetings limited mode, or null when not collected.</summary>
    public CopilotLimitedMode? CopilotLimitedMode { get; }

    /// <summary>Copilot catalog packages, or null when not collected.</summary>
    public IReadOnlyList<CopilotPackage>? CopilotPackages { get; }

    /// <summary>The tenant app management policy, or null when not collected.</summary>
    public AppManagementPolicy? AppManagementPolicy { get; }

    /// <summary>Copilot adoption (licensed users), or null when not collected.</summary>
    public CopilotUsageSummary? CopilotUsage { get; }

    /// <summary>Named parts the collector could not read (e.g. <c>applications</c>, <c>appRoleAssignments</c>), with the reason.</summary>
    public IReadOnlyList<string> NotCollected { get; }

    /// <summary>A service principal by object id, or null.</summary>
    public ServicePrincipal? ServicePrincipal(string id) => _byId.GetValueOrDefault(id);

    /// <summary>A service principal by appId, or null.</summary>
    public ServicePrincipal? ServicePrincipalByAppId(string appId) => _byAppId.GetValueOrDefault(appId);

    /// <summary>This tenant's app registration behind a service principal, or null.</summary>
    public DirectoryApplication? ApplicationOf(ServicePrincipal sp) => sp.AppId is { } appId ? _appsByAppId.GetValueOrDefault(appId) : null;

    /// <summary>The service principal of an app registration, or null.</summary>
    public ServicePrincipal? ServicePrincipalOf(DirectoryApplication app) => _byAppId.GetValueOrDefault(app.AppId);

    /// <summary>The delegated grants a client (service principal object id) holds, from an index built once.</summary>
    public IEnumerable<DelegatedGrant> DelegatedGrantsOf(string clientId) => _grantsByClient[clientId];

    /// <summary>The administrator's import a Copilot part was taken from (see <see cref="CopilotAdminImport"/>), or null when read live or not at all.</summary>
    public CopilotAdminImport? ImportOf(string part) => _imported.GetValueOrDefault(part);

    /// <summary>Why the named part was not collected, or null when it was.</summary>
    public string? NotCollectedReason(string part) =>
        PartNotes.Reason(NotCollected, part);

    /// <summary>True when the named part was reported as not collected.</summary>
    public bool Missing(string part) => NotCollected.Any(n => n.StartsWith(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where an app comes from.</summary>
    public AppOrigin OriginOf(ServicePrincipal sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        if (sp.IsAgentIdentity || sp.IsAgentBlueprintPrincipal)
        {
            return AppOrigin.Agent;
        }

        if (sp.IsManagedIdentity)
        {
            return AppOrigin.ManagedIdentity;
        }

        if (ShadowAiCatalogue.IsMicrosoft(sp))
        {
            return AppOrigin.Microsoft;
        }

        if (sp.AppOwnerOrganizationId is null || TenantId is null)
        {
            return ApplicationOf(sp) is not null ? AppOrigin.ThisTenant : AppOrigin.Unknown;
        }

        return string.Equals(sp.AppOwnerOrganizationId, TenantId, StringComparison.OrdinalIgnoreCase) ? AppOrigin.ThisTenant : AppOrigin.ThirdParty;
    }

    /// <summary>Every permission a service principal holds: app roles (application) and delegated scopes, resolved and tiered.</summary>
    public IReadOnlyList<GrantedPermission> PermissionsOf(ServicePrincipal sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        return _permissions.GetOrAdd(sp.Id, _ => ResolvePermissions(sp));
    }

    /// <summary>
    /// The Tier-0 and Tier-1 permissions a service principal holds with tenant-wide effect: application permissions, and
    /// delegated permissions an administrator consented for every user.
    /// </summary>
    public IReadOnlyList<GrantedPermission> PrivilegedPermissionsOf(ServicePrincipal sp) => PermissionsOf(sp)
        .Where(p => p.Tier is PermissionTier.Tier0 or PermissionTier.Tier1 && (p.Kind == PermissionKind.Application || p.AllPrincipals))
        .ToList();

    /// <summary>
    /// Service principals whose owners matter: apps of this tenant, third-party apps, agents and apps of unknown origin
    /// (not Microsoft's own apps, not managed identities, which have no owners) holding Tier-0 or Tier-1 permissions
    /// (see <see cref="PrivilegedPermissionsOf"/>). AI apps and agent identities are among them when they hold such permissions.
    /// </summary>
    public IReadOnlyList<ServicePrincipal> PrivilegedApps() => ServicePrincipals
        .Where(sp => OriginOf(sp) is AppOrigin.ThisTenant or AppOrigin.ThirdParty or AppOrigin.Unknown or AppOrigin.Agent && PrivilegedPermissionsOf(sp).Count > 0)
        .ToList();

    /// <summary>The AI apps of the tenant (catalogue and heuristic matches), with consent, scopes and user counts. Agent identities are listed separately.</summary>
    public IReadOnlyList<AiAppEntry> AiApps() => _aiApps.Value;

    private List<GrantedPermission> ResolvePermissions(ServicePrincipal sp)
    {
        var result = new List<GrantedPermission>();
        foreach (var role in _rolesByPrincipal[sp.Id])
        {
            var resource = ServicePrincipal(role.ResourceId);
            var name = resource?.Permissions.FirstOrDefault(p => p.Kind == PermissionKind.Application && string.Equals(p.Id, role.AppRoleId, StringComparison.OrdinalIgnoreCase))?.Value;
            TieredPermission tiered;
            if (name is not null)
            {
                tiered = PermissionTiers.Classify(resource!.AppId, name, PermissionKind.Application);
            }
            else if ((resource is null || string.Equals(resource.AppId, PermissionTiers.MicrosoftGraph, StringComparison.OrdinalIgnoreCase))
                && PermissionTiers.GraphAppRole(role.AppRoleId) is { } known)
            {
                tiered = known;
            }
            else if (role.AppRoleId == "00000000-0000-0000-0000-000000000000")
            {
                continue; // default access: assignment without a role
            }
            else
            {
                tiered = new TieredPermission(resource?.AppId ?? string.Empty, role.AppRoleId, PermissionKind.Application, PermissionTier.Tier2, role.AppRoleId, "Other");
            }

            result.Add(new GrantedPermission(sp.Id, role.ResourceId, resource?.DisplayName ?? role.ResourceId, tiered, true, []));
        }

        foreach (var byResource in _grantsByClient[sp.Id].GroupBy(g => g.ResourceId, StringComparer.OrdinalIgnoreCase))
        {
            var resource = ServicePrincipal(byResource.Key);
            var scopes = new Dictionary<string, (bool All, HashSet<string> Users)>(StringComparer.OrdinalIgnoreCase);
            foreach (var grant in byResource)
            {
                foreach (var scope in grant.Scopes)
                {
                    if (!scopes.TryGetValue(scope, out var entry))
                    {
                        scopes[scope] = entry = (false, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                    }

                    if (grant.AllPrincipals)
                    {
                        scopes[scope] = (true, entry.Users);
                    }
                    else if (grant.PrincipalId is not null)
                    {
                        entry.Users.Add(grant.PrincipalId);
                    }
                }
            }

            foreach (var (scope, entry) in scopes)
            {
                var tiered = PermissionTiers.Classify(resource?.AppId ?? PermissionTiers.MicrosoftGraph, scope, PermissionKind.Delegated);
                result.Add(new GrantedPermission(sp.Id, byResource.Key, resource?.DisplayName ?? byResource.Key, tiered, entry.All, entry.Users.Order(StringComparer.Ordinal).ToList()));
            }
        }

        return result;
    }

    private List<AiAppEntry> FindAiApps()
    {
        var list = new List<AiAppEntry>();
        foreach (var sp in ServicePrincipals)
        {
            var origin = OriginOf(sp);
            if (origin is not (AppOrigin.ThirdParty or AppOrigin.ThisTenant or AppOrigin.Unknown) || ShadowAiCatalogue.Match(sp) is not { } match)
            {
                continue;
            }

            var permissions = PermissionsOf(sp);
            var users = permissions.SelectMany(p => p.ConsentingUsers).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
            list.Add(new AiAppEntry(sp, match, origin, permissions.Any(p => p.AllPrincipals), users, permissions));
        }

        return list;
    }
}
