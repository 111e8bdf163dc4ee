namespace AiSpm.Core.Inventory.Directory;

/// <summary>A permission a resource service principal defines: an app role (application permission) or an OAuth2 scope (delegated).</summary>
/// <param name="Id">The permission id (the app role id or scope id).</param>
/// <param name="Value">The permission name as it appears in tokens (<c>Mail.Read</c>).</param>
/// <param name="Kind">Application or delegated.</param>
public sealed record PermissionDefinition(string Id, string Value, PermissionKind Kind);

/// <summary>Application permission (app role, no signed-in user) or delegated permission (OAuth2 scope, on behalf of a user).</summary>
public enum PermissionKind
{
    /// <summary>An app role granted to a service principal: app-only access.</summary>
    Application,

    /// <summary>An OAuth2 permission scope granted through an oauth2PermissionGrant.</summary>
    Delegated,
}

/// <summary>Client secret or certificate.</summary>
public enum CredentialKind
{
    /// <summary>A password credential (client secret).</summary>
    Password,

    /// <summary>A key credential (certificate).</summary>
    Certificate,
}

/// <summary>A password or key credential of an application or service principal (never the secret itself).</summary>
/// <param name="KeyId">The credential's keyId.</param>
/// <param name="DisplayName">Its display name, or null.</param>
/// <param name="Kind">Secret or certificate.</param>
/// <param name="Start">startDateTime, or null.</param>
/// <param name="End">endDateTime, or null.</param>
/// <param name="Hint">The first characters Graph shows of a secret, or null.</param>
public sealed record DirectoryCredential(string KeyId, string? DisplayName, CredentialKind Kind, DateTimeOffset? Start, DateTimeOffset? End, string? Hint)
{
    /// <summary>The validity period, when both ends are known.</summary>
    public TimeSpan? Lifetime => Start is { } s && End is { } e ? e - s : null;

    /// <summary>True when no end is set or the end is so far away (year 2099 or later) that it never expires in practice.</summary>
    public bool NeverExpires => End is not { } e || e.Year >= 2099;
}

/// <summary>
/// An owner of an app registration or service principal (a directoryObject from <c>/owners</c>): a user, a service
/// principal or another directory object. Owners can add credentials to the object and so act as the app.
/// </summary>
/// <param name="Id">The owner's object id.</param>
/// <param name="ODataType"><c>@odata.type</c> (<c>#microsoft.graph.user</c>, <c>#microsoft.graph.servicePrincipal</c>…), or null when Graph did not say.</param>
/// <param name="DisplayName">Display name, or null (Graph returns only id and type when the caller may not read that kind of object).</param>
/// <param name="UserPrincipalName">The user principal name of a user owner, or null.</param>
public sealed record DirectoryOwner(string Id, string? ODataType, string? DisplayName, string? UserPrincipalName)
{
    /// <summary>True when the owner is a service principal (an app or managed identity, not a person).</summary>
    public bool IsServicePrincipal => string.Equals(ODataType, "#microsoft.graph.servicePrincipal", StringComparison.OrdinalIgnoreCase)
        || string.Equals(ODataType, "#microsoft.graph.agentIdentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the owner is a user.</summary>
    public bool IsUser => string.Equals(ODataType, "#microsoft.graph.user", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kind for messages: the <c>@odata.type</c> without its namespace (<c>user</c>, <c>servicePrincipal</c>), or <c>directoryObject</c>.</summary>
    public string Kind => ODataType is { Length: > 0 } t ? t[(t.LastIndexOf('.') + 1)..] : "directoryObject";

    /// <summary><c>id (upn)</c> or <c>id (displayName)</c> for evidence.</summary>
    public string Display => $"{Id} ({UserPrincipalName ?? DisplayName ?? Kind}, {Kind})";
}

/// <summary>The verified publisher of an app (Microsoft Partner Network verification), or none.</summary>
/// <param name="DisplayName">The publisher's name.</param>
/// <param name="VerifiedPublisherId">The partner id.</param>
public sealed record VerifiedPublisher(string? DisplayName, string? VerifiedPublisherId)
{
    /// <summary>True when the publisher is verified (an id is present).</summary>
    public bool IsVerified => !string.IsNullOrWhiteSpace(VerifiedPublisherId);
}

/// <summary>A service principal: the tenant-local instance of an app, a managed identity, or an agent identity.</summary>
public sealed record ServicePrincipal
{
    /// <summary>Object id.</summary>
    public required string Id { get; init; }

    /// <summary>The application (client) id, or null (agent identities in the documented shape carry none).</summary>
    public string? AppId { get; init; }

    /// <summary>Display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary><c>@odata.type</c> when the object is a derived type (<c>#microsoft.graph.agentIdentity</c>), or null.</summary>
    public string? ODataType { get; init; }

    /// <summary>servicePrincipalType: Application, ManagedIdentity, Legacy, SocialIdp, ServiceIdentity…</summary>
    public string? ServicePrincipalType { get; init; }

    /// <summary>accountEnabled (true when absent).</summary>
    public bool AccountEnabled { get; init; } = true;

    /// <summary>The tenant that owns the app registration, or null.</summary>
    public string? AppOwnerOrganizationId { get; init; }

    /// <summary>signInAudience, or null.</summary>
    public string? SignInAudience { get; init; }

    /// <summary>The verified publisher (never null; unverified when the id is empty).</summary>
    public VerifiedPublisher VerifiedPublisher { get; init; } = new(null, null);

    /// <summary>description and appDescription joined, or null.</summary>
    public string? Description { get; init; }

    /// <summary>homepage, or null.</summary>
    public string? Homepage { get; init; }

    /// <summary>tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>App roles and OAuth2 scopes this principal defines as a resource.</summary>
    public IReadOnlyList<PermissionDefinition> Permissions { get; init; } = [];

    /// <summary>Credentials on the service principal itself.</summary>
    public IReadOnlyList<DirectoryCredential> Credentials { get; init; } = [];

    /// <summary>For an agent identity, the blueprint's appId; otherwise null.</summary>
    public string? AgentIdentityBlueprintId { get; init; }

    /// <summary>The service principal's owners, or null when they were not read (the collector reads them only for apps holding Tier-0 or Tier-1 permissions).</summary>
    public IReadOnlyList<DirectoryOwner>? Owners { get; init; }

    /// <summary>True for Entra agent identities (<c>#microsoft.graph.agentIdentity</c>).</summary>
    public bool IsAgentIdentity => string.Equals(ODataType, "#microsoft.graph.agentIdentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the service principal of an agent identity blueprint.</summary>
    public bool IsAgentBlueprintPrincipal => string.Equals(ODataType, "#microsoft.graph.agentIdentityBlueprintPrincipal", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for managed identities.</summary>
    public bool IsManagedIdentity => string.Equals(ServicePrincipalType, "ManagedIdentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Graph path of the object, used as the finding's resource id.</summary>
    public string ResourceId => "graph:/servicePrincipals/" + Id;
}

/// <summary>An app registration (application object) of this tenant.</summary>
public sealed record DirectoryApplication
{
    /// <summary>Object id.</summary>
    public required string Id { get; init; }

    /// <summary>Application (client) id.</summary>
    public required string AppId { get; init; }

    /// <summary>Display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>signInAudience (AzureADMyOrg, AzureADMultipleOrgs, …), or null.</summary>
    public string? SignInAudience { get; init; }

    /// <summary><c>@odata.type</c> when derived (<c>#microsoft.graph.agentIdentityBlueprint</c>), or null.</summary>
    public string? ODataType { get; init; }

    /// <summary>Client secrets and certificates.</summary>
    public IReadOnlyList<DirectoryCredential> Credentials { get; init; } = [];

    /// <summary>notes and description joined, or null.</summary>
    public string? Description { get; init; }

    /// <summary>The app registration's owners, or null when they were not read (the collector reads them only for apps holding Tier-0 or Tier-1 permissions).</summary>
    public IReadOnlyList<DirectoryOwner>? Owners { get; init; }

    /// <summary>True for agent identity blueprints.</summary>
    public bool IsAgentBlueprint => string.Equals(ODataType, "#microsoft.graph.agentIdentityBlueprint", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when accounts of other tenants can sign in.</summary>
    public bool IsMultiTenant => SignInAudience is "AzureADMultipleOrgs" or "AzureADandPersonalMicrosoftAccount";

    /// <summary>The Graph path of the object.</summary>
    public string ResourceId => "graph:/applications/" + Id;
}

/// <summary>A delegated permission grant (oauth2PermissionGrant).</summary>
/// <param name="Id">Grant id.</param>
/// <param name="ClientId">Object id of the client service principal.</param>
/// <param name="ResourceId">Object id of the resource service principal.</param>
/// <param name="AllPrincipals">True for consentType AllPrincipals (admin consent for every user), false for Principal.</param>
/// <param name="PrincipalId">The user who consented (Principal), or null.</param>
/// <param name="Scopes">The scope names, split on white space.</param>
public sealed record DelegatedGrant(string Id, string ClientId, string ResourceId, bool AllPrincipals, string? PrincipalId, IReadOnlyList<string> Scopes);

/// <summary>An app role assignment: an application permission (or app role) granted to a principal.</summary>
/// <param name="Id">Assignment id.</param>
/// <param name="PrincipalId">The assignee (service principal, user or group).</param>
/// <param name="PrincipalType">ServicePrincipal, User or Group.</param>
/// <param name="ResourceId">The resource service principal.</param>
/// <param name="AppRoleId">The app role id.</param>
public sealed record AppRoleGrant(string Id, string PrincipalId, string PrincipalType, string ResourceId, string AppRoleId);

/// <summary>The parts of <c>/policies/authorizationPolicy</c> consent rules read.</summary>
/// <param name="PermissionGrantPoliciesAssigned">defaultUserRolePermissions.permissionGrantPoliciesAssigned.</param>
/// <param name="AllowedToCreateApps">defaultUserRolePermissions.allowedToCreateApps, or null when absent.</param>
/// <param name="AllowUserConsentForRiskyApps">allowUserConsentForRiskyApps, or null.</param>
public sealed record AuthorizationPolicy(IReadOnlyList<string> PermissionGrantPoliciesAssigned, bool? AllowedToCreateApps, bool? AllowUserConsentForRiskyApps);

/// <summary><c>/policies/adminConsentRequestPolicy</c>.</summary>
/// <param name="IsEnabled">Whether users can request admin consent.</param>
/// <param name="ReviewerCount">How many reviewers are configured.</param>
/// <param name="NotifyReviewers">Whether reviewers get mail.</param>
public sealed record AdminConsentRequestPolicy(bool IsEnabled, int ReviewerCount, bool NotifyReviewers);

/// <summary><c>/copilot/admin/settings/limitedMode</c>: limited mode of Copilot in Teams meetings.</summary>
/// <param name="IsEnabledForGroup">Whether limited mode applies to the group.</param>
/// <param name="GroupId">The group it applies to; empty means everyone when enabled.</param>
public sealed record CopilotLimitedMode(bool IsEnabledForGroup, string? GroupId);

/// <summary>A Copilot catalog package (agent or app) from <c>/copilot/admin/catalog/packages</c>.</summary>
public sealed record CopilotPackage
{
    /// <summary>Package id.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>microsoft, external, shared or custom.</summary>
    public string? Type { get; init; }

    /// <summary>Publisher name as the catalogue shows it.</summary>
    public string? Publisher { get; init; }

    /// <summary>The Entra appId behind the package, or null.</summary>
    public string? AppId { get; init; }

    /// <summary>Whether an admin blocked it.</summary>
    public bool IsBlocked { get; init; }

    /// <summary>availableTo: all, some, none (newer docs: allowedForAll…).</summary>
    public string? AvailableTo { get; init; }

    /// <summary>deployedTo: all, some, none.</summary>
    public string? DeployedTo { get; init; }

    /// <summary>Element types (declarativeAgent, customEngineAgent, bots…).</summary>
    public IReadOnlyList<string> ElementTypes { get; init; } = [];

    /// <summary>True when every user can use it (availableTo all / allowedForAll).</summary>
    public bool AvailableToAll => AvailableTo is { } a && (a.Equals("all", StringComparison.OrdinalIgnoreCase) || a.StartsWith("allowedForAll", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Graph path of the object.</summary>
    public string ResourceId => "graph:/copilot/admin/catalog/packages/" + Id;
}

/// <summary>Microsoft 365 Copilot adoption from <c>getMicrosoft365CopilotUserCountSummary</c> (licensed users only).</summary>
/// <param name="ReportRefreshDate">When the report data was refreshed.</param>
/// <param name="PeriodDays">The report period in days.</param>
/// <param name="EnabledUsers">Users enabled for Copilot in any app.</param>
/// <param name="ActiveUsers">Users active in any app during the period.</param>
/// <param name="ChatActiveUsers">Users active in Copilot Chat, or null.</param>
public sealed record CopilotUsageSummary(string? ReportRefreshDate, int? PeriodDays, int EnabledUsers, int ActiveUsers, int? ChatActiveUsers);

/// <summary>One credential restriction of the tenant app management policy.</summary>
/// <param name="RestrictionType">passwordAddition, passwordLifetime, customPasswordAddition, symmetricKeyAddition, symmetricKeyLifetime, asymmetricKeyLifetime…</param>
/// <param name="MaxLifetime">The maximum lifetime for lifetime restrictions, or null.</param>
/// <param name="Enabled">False when the restriction's <c>state</c> is <c>disabled</c>.</param>
public sealed record CredentialRestriction(string RestrictionType, TimeSpan? MaxLifetime, bool Enabled);

/// <summary><c>/policies/defaultAppManagementPolicy</c>: tenant-wide restrictions on app credentials.</summary>
/// <param name="IsEnabled">Whether the policy is enforced.</param>
/// <param name="PasswordRestrictions">applicationRestrictions.passwordCredentials.</param>
/// <param name="KeyRestrictions">applicationRestrictions.keyCredentials.</param>
public sealed record AppManagementPolicy(bool IsEnabled, IReadOnlyList<CredentialRestriction> PasswordRestrictions, IReadOnlyList<CredentialRestriction> KeyRestrictions);
