using System.Globalization;
using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Inventory.Directory;

/// <summary>
/// Builds a <see cref="DirectoryInventory"/> from Microsoft Graph JSON exactly as Graph returns it: collections
/// (<c>{"value":[…]}</c>, or a bare array) of servicePrincipals, applications, oauth2PermissionGrants and
/// appRoleAssignments, and the single-entity policies and Copilot settings. Objects seen twice (the v1.0 list and
/// a beta cast such as <c>servicePrincipals/microsoft.graph.agentIdentity</c>) merge by id, the later one filling
/// what the first lacked. A malformed object raises <see cref="InventoryFormatException"/> naming the source and index.
/// </summary>
public sealed class DirectoryInventoryBuilder
{
    private readonly Dictionary<string, ServicePrincipal> _servicePrincipals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DirectoryApplication> _applications = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DelegatedGrant> _grants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, AppRoleGrant> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<DirectoryOwner>> _owners = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notCollected = [];
    private List<CopilotPackage>? _packages;
    private AuthorizationPolicy? _authorizationPolicy;
    private AdminConsentRequestPolicy? _adminConsentRequestPolicy;
    private CopilotLimitedMode? _limitedMode;
    private CopilotUsageSummary? _usage;
    private AppManagementPolicy? _appManagementPolicy;
    private string? _tenantId;
    private readonly Dictionary<string, CopilotAdminImport> _imported = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets this tenant's id (otherwise inferred from its app registrations).</summary>
    public DirectoryInventoryBuilder WithTenantId(string tenantId)
    {
        _tenantId = tenantId;
        return this;
    }

    /// <summary>Records a part the collector could not read (coverage gap), e.g. <c>copilotPackages: 403 Forbidden</c>.</summary>
    public DirectoryInventoryBuilder NotCollected(string part, string reason)
    {
        _notCollected.Add($"{part}: {reason}");
        return this;
    }

    /// <summary>
    /// Fills the Copilot parts Graph did not serve to this scan's (app-only) token from an administrator's import:
    /// a part read live is kept; a missing part the import holds is taken from it (and its coverage note dropped); a
    /// missing part the import lacks keeps its note, extended with why the import lacks it. Call after the live reads.
    /// </summary>
    public DirectoryInventoryBuilder UseCopilotAdminImport(CopilotAdminImport import)
    {
        ArgumentNullException.ThrowIfNull(import);
        var source = $"aispm collect copilot-admin {import.Id}";
        if (_limitedMode is null)
        {
            Import(CopilotAdminImport.LimitedModePart, import, import.LimitedMode is { } mode ? () => SetCopilotLimitedMode(mode, source) : null);
        }

        if (_packages is null)
        {
            Import(CopilotAdminImport.PackagesPart, import, import.Packages is { } packages ? () => AddCopilotPackages(JsonSerializer.SerializeToElement(packages), source) : null);
        }

        return this;
    }

    private void Import(string part, CopilotAdminImport import, Action? read)
    {
        var liveReason = PartNotes.Reason(_notCollected, part) ?? "not read by this scan";
        if (PartNotes.IndexOf(_notCollected, part) is var live and >= 0)
        {
            _notCollected.RemoveAt(live);
        }

        if (read is null)
        {
            NotCollected(part, $"{liveReason}; the administrator's import ({import.Id}) lacks it too: {import.NotReadReason(part) ?? "not read"}");
            return;
        }

        try
        {
            read();
            _imported[part] = import;
        }
        catch (InventoryFormatException ex)
        {
            NotCollected(part, $"{liveReason}; the administrator's import ({import.Id}) lacks what the checks read: {ex.Message}");
        }
    }

    /// <summary>Adds service principals (also the beta agent identity and blueprint principal casts).</summary>
    public DirectoryInventoryBuilder AddServicePrincipals(JsonElement document, string source)
    {
        foreach (var (e, at) in Items(document, source))
        {
            var sp = ReadServicePrincipal(e, at);
            _servicePrincipals[sp.Id] = _servicePrincipals.TryGetValue(sp.Id, out var existing) ? Merge(existing, sp) : sp;
        }

        return this;
    }

    /// <summary>Adds app registrations (also the beta agent identity blueprint cast).</summary>
    public DirectoryInventoryBuilder AddApplications(JsonElement document, string source)
    {
        foreach (var (e, at) in Items(document, source))
        {
            var app = new DirectoryApplication
            {
                Id = Require(e, "id", at),
                AppId = Require(e, "appId", at),
                DisplayName = Str(e, "displayName") ?? Require(e, "appId", at),
                SignInAudience = Str(e, "signInAudience"),
                ODataType = Str(e, "@odata.type"),
                Credentials = ReadCredentials(e, at),
                Description = Join(Str(e, "notes"), Str(e, "description")),
            };
            _applications[app.Id] = _applications.TryGetValue(app.Id, out var existing)
                ? existing with { ODataType = existing.ODataType ?? app.ODataType, Credentials = existing.Credentials.Count > 0 ? existing.Credentials : app.Credentials }
                : app;
        }

        return this;
    }

    /// <summary>Adds oauth2PermissionGrants.</summary>
    public DirectoryInventoryBuilder AddDelegatedGrants(JsonElement document, string source)
    {
        foreach (var (e, at) in Items(document, source))
        {
            var consentType = Require(e, "consentType", at);
            if (consentType is not ("AllPrincipals" or "Principal"))
            {
                throw new InventoryFormatException($"{at}: consentType '{consentType}' is neither AllPrincipals nor Principal.");
            }

            var clientId = Require(e, "clientId", at);
            var resourceId = Require(e, "resourceId", at);
            var principalId = Str(e, "principalId");
            var id = Str(e, "id") ?? $"{clientId}/{resourceId}/{principalId}";
            var scopes = (Str(e, "scope") ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _grants[id] = new DelegatedGrant(id, clientId, resourceId, consentType == "AllPrincipals", principalId, scopes);
        }

        return this;
    }

    /// <summary>Adds appRoleAssignments (from <c>appRoleAssignedTo</c> on resources or <c>appRoleAssignments</c> on clients; duplicates merge by id).</summary>
    public DirectoryInventoryBuilder AddAppRoleAssignments(JsonElement document, string source)
    {
        foreach (var (e, at) in Items(document, source))
        {
            var id = Require(e, "id", at);
            _roles[id] = new AppRoleGrant(id, Require(e, "principalId", at), Str(e, "principalType") ?? "ServicePrincipal", Require(e, "resourceId", at), Require(e, "appRoleId", at));
        }

        return this;
    }

    /// <summary>
    /// Adds the owners of one app registration or service principal (the answer of <c>/applications/{id}/owners</c> or
    /// <c>/servicePrincipals/{id}/owners</c>: directoryObjects with <c>@odata.type</c>). An object given owners this way
    /// counts as read, even with none; an object never given any stays unread (its <c>Owners</c> is null).
    /// </summary>
    public DirectoryInventoryBuilder AddOwners(string objectId, JsonElement document, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(objectId);
        if (!_owners.TryGetValue(objectId, out var list))
        {
            _owners[objectId] = list = [];
        }

        foreach (var (e, at) in Items(document, source))
        {
            var owner = new DirectoryOwner(Require(e, "id", at), Str(e, "@odata.type"), Str(e, "displayName"), Str(e, "userPrincipalName"));
            if (!list.Any(o => string.Equals(o.Id, owner.Id, StringComparison.OrdinalIgnoreCase)))
            {
                list.Add(owner);
            }
        }

        return this;
    }

    /// <summary>Adds owners from a map of object id to its owners (<c>{"&lt;object id&gt;": [ directoryObjects ]}</c>, the fixture shape).</summary>
    public DirectoryInventoryBuilder AddOwnersMap(JsonElement document, string source)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new InventoryFormatException($"{source}: expected an object of object ids to owner lists, found {document.ValueKind}.");
        }

        foreach (var p in document.EnumerateObject())
        {
            if (p.Name.StartsWith('$') || p.Name.StartsWith('@'))
            {
                continue;
            }

            AddOwners(p.Name, p.Value, source.Contains(" $.", StringComparison.Ordinal) ? $"{source}.{p.Name}" : $"{source} $.{p.Name}");
        }

        return this;
    }

    /// <summary>Sets <c>/policies/authorizationPolicy</c> (the entity, or a collection holding it).</summary>
    public DirectoryInventoryBuilder SetAuthorizationPolicy(JsonElement document, string source)
    {
        var e = Single(document, source);
        var defaults = e.TryGetProperty("defaultUserRolePermissions", out var d) && d.ValueKind == JsonValueKind.Object
            ? d
            : throw new InventoryFormatException($"{source}: the authorization policy has no defaultUserRolePermissions object.");
        var assigned = d.TryGetProperty("permissionGrantPoliciesAssigned", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
        _authorizationPolicy = new AuthorizationPolicy(assigned, Bool(defaults, "allowedToCreateApps"), Bool(e, "allowUserConsentForRiskyApps"));
        return this;
    }

    /// <summary>Sets <c>/policies/adminConsentRequestPolicy</c>.</summary>
    public DirectoryInventoryBuilder SetAdminConsentRequestPolicy(JsonElement document, string source)
    {
        var e = Single(document, source);
        var enabled = Bool(e, "isEnabled") ?? throw new InventoryFormatException($"{source}: the admin consent request policy has no isEnabled boolean.");
        var reviewers = e.TryGetProperty("reviewers", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;
        _adminConsentRequestPolicy = new AdminConsentRequestPolicy(enabled, reviewers, Bool(e, "notifyReviewers") ?? false);
        return this;
    }

    /// <summary>Sets <c>/policies/defaultAppManagementPolicy</c>.</summary>
    public DirectoryInventoryBuilder SetAppManagementPolicy(JsonElement document, string source)
    {
        var e = Single(document, source);
        var enabled = Bool(e, "isEnabled") ?? throw new InventoryFormatException($"{source}: the app management policy has no isEnabled boolean.");
        var restrictions = e.TryGetProperty("applicationRestrictions", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
        _appManagementPolicy = new AppManagementPolicy(enabled, Restrictions(restrictions, "passwordCredentials", source), Restrictions(restrictions, "keyCredentials", source));
        return this;
    }

    /// <summary>Sets <c>/copilot/admin/settings/limitedMode</c>.</summary>
    public DirectoryInventoryBuilder SetCopilotLimitedMode(JsonElement document, string source)
    {
        var e = Single(document, source);
        var enabled = Bool(e, "isEnabledForGroup") ?? throw new InventoryFormatException($"{source}: limitedMode has no isEnabledForGroup boolean.");
        _limitedMode = new CopilotLimitedMode(enabled, Str(e, "groupId"));
        return this;
    }

    /// <summary>Sets the Copilot adoption summary from <c>getMicrosoft365CopilotUserCountSummary(period='…')</c> in JSON format.</summary>
    public DirectoryInventoryBuilder SetCopilotUsageSummary(JsonElement document, string source)
    {
        var row = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
            ? v[0]
            : document;
        var adoption = row.ValueKind == JsonValueKind.Object && row.TryGetProperty("adoptionByProduct", out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0
            ? a[0]
            : throw new InventoryFormatException($"{source}: the Copilot user count summary has no adoptionByProduct row.");
        _usage = new CopilotUsageSummary(
            Str(row, "reportRefreshDate"),
            Int(adoption, "reportPeriod"),
            Int(adoption, "anyAppEnabledUsers") ?? throw new InventoryFormatException($"{source}: adoptionByProduct[0] has no anyAppEnabledUsers number."),
            Int(adoption, "anyAppActiveUsers") ?? throw new InventoryFormatException($"{source}: adoptionByProduct[0] has no anyAppActiveUsers number."),
            Int(adoption, "copilotChatActiveUsers"));
        return this;
    }

    /// <summary>Adds Copilot catalog packages (marks the catalogue as collected even when empty).</summary>
    public DirectoryInventoryBuilder AddCopilotPackages(JsonElement document, string source)
    {
        _packages ??= [];
        foreach (var (e, at) in Items(document, source))
        {
            _packages.Add(new CopilotPackage
            {
                Id = Require(e, "id", at),
                DisplayName = Str(e, "displayName") ?? Require(e, "id", at),
                Type = Str(e, "type"),
                Publisher = Str(e, "publisher"),
                AppId = Str(e, "appId"),
                IsBlocked = Bool(e, "isBlocked") ?? false,
                AvailableTo = Str(e, "availableTo"),
                DeployedTo = Str(e, "deployedTo"),
                ElementTypes = Strings(e, "elementTypes"),
            });
        }

        return this;
    }

    /// <summary>
    /// Adds a fixture object holding Graph collections by name: <c>servicePrincipals</c>, <c>applications</c>,
    /// <c>oauth2PermissionGrants</c>, <c>appRoleAssignments</c>, <c>authorizationPolicy</c>,
    /// <c>adminConsentRequestPolicy</c>, <c>copilotLimitedMode</c>, <c>copilotPackages</c>, <c>copilotUsage</c>, <c>appManagementPolicy</c>, <c>owners</c> (object id → owners), <c>tenantId</c>.
    /// </summary>
    public DirectoryInventoryBuilder AddCollections(JsonElement document, string source)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            throw new InventoryFormatException($"{source}: expected an object of Graph collections, found {document.ValueKind}.");
        }

        foreach (var p in document.EnumerateObject())
        {
            var at = $"{source} $.{p.Name}";
            _ = p.Name switch
            {
                "tenantId" => WithTenantId(p.Value.GetString() ?? throw new InventoryFormatException($"{at}: expected a string.")),
                "servicePrincipals" => AddServicePrincipals(p.Value, at),
                "applications" => AddApplications(p.Value, at),
                "oauth2PermissionGrants" => AddDelegatedGrants(p.Value, at),
                "appRoleAssignments" => AddAppRoleAssignments(p.Value, at),
                "authorizationPolicy" => SetAuthorizationPolicy(p.Value, at),
                "adminConsentRequestPolicy" => SetAdminConsentRequestPolicy(p.Value, at),
                "copilotLimitedMode" => SetCopilotLimitedMode(p.Value, at),
                "copilotPackages" => AddCopilotPackages(p.Value, at),
                "copilotUsage" => SetCopilotUsageSummary(p.Value, at),
                "appManagementPolicy" => SetAppManagementPolicy(p.Value, at),
                "owners" => AddOwnersMap(p.Value, at),
                _ when p.Name.StartsWith('$') || p.Name.StartsWith('@') => this,
                _ => throw new InventoryFormatException($"{at}: unknown collection '{p.Name}'."),
            };
        }

        return this;
    }

    /// <summary>True when the object looks like a fixture of Graph collections rather than an ARM list.</summary>
    public static bool IsCollectionsDocument(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && !document.TryGetProperty("value", out _) && !document.TryGetProperty("data", out _)
        && document.EnumerateObject().Any(p => p.Name is "servicePrincipals" or "applications" or "oauth2PermissionGrants" or "appRoleAssignments"
            or "authorizationPolicy" or "adminConsentRequestPolicy" or "copilotLimitedMode" or "copilotPackages" or "appManagementPolicy");

    /// <summary>Builds the inventory.</summary>
    public DirectoryInventory Build() => new(
        _servicePrincipals.Values.Select(sp => _owners.TryGetValue(sp.Id, out var o) ? sp with { Owners = o.ToList() } : sp),
        _applications.Values.Select(a => _owners.TryGetValue(a.Id, out var o) ? a with { Owners = o.ToList() } : a),
        _grants.Values, _roles.Values, _tenantId,
        _authorizationPolicy, _adminConsentRequestPolicy, _limitedMode, _packages, _notCollected, _usage, _appManagementPolicy, _imported);

    private static ServicePrincipal ReadServicePrincipal(JsonElement e, string at)
    {
        var permissions = new List<PermissionDefinition>();
        if (e.TryGetProperty("appRoles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            permissions.AddRange(roles.EnumerateArray().Where(r => Str(r, "id") is not null && Str(r, "value") is not null)
                .Select(r => new PermissionDefinition(Str(r, "id")!, Str(r, "value")!, PermissionKind.Application)));
        }

        if (e.TryGetProperty("oauth2PermissionScopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array)
        {
            permissions.AddRange(scopes.EnumerateArray().Where(r => Str(r, "id") is not null && Str(r, "value") is not null)
                .Select(r => new PermissionDefinition(Str(r, "id")!, Str(r, "value")!, PermissionKind.Delegated)));
        }

        var publisher = e.TryGetProperty("verifiedPublisher", out var vp) && vp.ValueKind == JsonValueKind.Object
            ? new VerifiedPublisher(Str(vp, "displayName"), Str(vp, "verifiedPublisherId"))
            : new VerifiedPublisher(null, null);
        return new ServicePrincipal
        {
            Id = Require(e, "id", at),
            AppId = Str(e, "appId"),
            DisplayName = Str(e, "displayName") ?? Str(e, "appDisplayName") ?? Require(e, "id", at),
            ODataType = Str(e, "@odata.type"),
            ServicePrincipalType = Str(e, "servicePrincipalType"),
            AccountEnabled = Bool(e, "accountEnabled") ?? true,
            AppOwnerOrganizationId = Str(e, "appOwnerOrganizationId"),
            SignInAudience = Str(e, "signInAudience"),
            VerifiedPublisher = publisher,
            Description = Join(Str(e, "description"), Str(e, "appDescription")),
            Homepage = Str(e, "homepage"),
            Tags = Strings(e, "tags"),
            Permissions = permissions,
            Credentials = ReadCredentials(e, at),
            AgentIdentityBlueprintId = Str(e, "agentIdentityBlueprintId"),
        };
    }

    private static ServicePrincipal Merge(ServicePrincipal a, ServicePrincipal b) => a with
    {
        AppId = a.AppId ?? b.AppId,
        ODataType = a.ODataType ?? b.ODataType,
        ServicePrincipalType = a.ServicePrincipalType ?? b.ServicePrincipalType,
        AppOwnerOrganizationId = a.AppOwnerOrganizationId ?? b.AppOwnerOrganizationId,
        SignInAudience = a.SignInAudience ?? b.SignInAudience,
        VerifiedPublisher = a.VerifiedPublisher.IsVerified ? a.VerifiedPublisher : b.VerifiedPublisher,
        Description = a.Description ?? b.Description,
        Permissions = a.Permissions.Count > 0 ? a.Permissions : b.Permissions,
        Credentials = a.Credentials.Count > 0 ? a.Credentials : b.Credentials,
        AgentIdentityBlueprintId = a.AgentIdentityBlueprintId ?? b.AgentIdentityBlueprintId,
        AccountEnabled = a.AccountEnabled && b.AccountEnabled,
    };

    private static List<DirectoryCredential> ReadCredentials(JsonElement e, string at)
    {
        var list = new List<DirectoryCredential>();
        foreach (var (name, kind) in new[] { ("passwordCredentials", CredentialKind.Password), ("keyCredentials", CredentialKind.Certificate) })
        {
            if (!e.TryGetProperty(name, out var creds) || creds.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var i = 0;
            foreach (var c in creds.EnumerateArray())
            {
                var where = $"{at}.{name}[{i++}]";
                list.Add(new DirectoryCredential(Require(c, "keyId", where), Str(c, "displayName"), kind, Date(c, "startDateTime", where), Date(c, "endDateTime", where), Str(c, "hint")));
            }
        }

        return list;
    }

    private static IEnumerable<(JsonElement Element, string At)> Items(JsonElement document, string source)
    {
        var items = document.ValueKind switch
        {
            JsonValueKind.Array => document,
            JsonValueKind.Object when document.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array => v,
            _ => throw new InventoryFormatException($"{source}: expected a Graph collection ({{\"value\":[…]}} or an array), found {document.ValueKind}."),
        };
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{source} $.value[{index++}]";
            yield return item.ValueKind == JsonValueKind.Object ? (item, at) : throw new InventoryFormatException($"{at}: expected an object, found {item.ValueKind}.");
        }
    }

    private static JsonElement Single(JsonElement document, string source) => document.ValueKind switch
    {
        JsonValueKind.Object when document.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() == 1 => v[0],
        JsonValueKind.Object when !document.TryGetProperty("value", out _) => document,
        _ => throw new InventoryFormatException($"{source}: expected a single Graph entity, found {document.ValueKind}."),
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;

    private static List<CredentialRestriction> Restrictions(JsonElement restrictions, string name, string source)
    {
        if (restrictions.ValueKind != JsonValueKind.Object || !restrictions.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = new List<CredentialRestriction>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{source} $.applicationRestrictions.{name}[{i++}]";
            var type = Require(item, "restrictionType", at);
            TimeSpan? max = null;
            if (Str(item, "maxLifetime") is { } duration)
            {
                try
                {
                    max = System.Xml.XmlConvert.ToTimeSpan(duration);
                }
                catch (FormatException)
                {
                    throw new InventoryFormatException($"{at}: maxLifetime '{duration}' is not an ISO 8601 duration.");
                }
            }

            result.Add(new CredentialRestriction(type, max, !string.Equals(Str(item, "state"), "disabled", StringComparison.OrdinalIgnoreCase)));
        }

        return result;
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];

    private static DateTimeOffset? Date(JsonElement e, string name, string at)
    {
        var s = Str(e, name);
        if (s is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
            ? d
            : throw new InventoryFormatException($"{at}: {name} '{s}' is not an ISO 8601 date-time.");
    }

    private static string Require(JsonElement e, string name, string at) =>
        Str(e, name) ?? throw new InventoryFormatException($"{at}: the object has no '{name}' string.");

    private static string? Join(string? a, string? b) => (a, b) switch
    {
        (null, null) => null,
        (null, _) => b,
        (_, null) => a,
        _ => a + " " + b,
    };
}
