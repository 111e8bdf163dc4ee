using System.Text.Json.Nodes;
using AiSpm.Emulator.Fixtures;
using AiSpm.Emulator.Hosting;

namespace AiSpm.Emulator.Arm;

/// <summary>
/// Azure Resource Manager routes over the fixture: tenants, subscriptions, resource groups, GET any resource by id, lists per
/// collection path (type per subscription or resource group, child collections, extension resources such as diagnosticSettings,
/// deployment history), the generic resources list with <c>$filter</c>, provider registrations, and the POST actions
/// <c>listKeys</c>, <c>listAdminKeys</c>, <c>regenerateKey</c>, <c>regenerateAdminKey/{primary|secondary}</c> (Search) and
/// <c>config/appsettings/list</c>, and the Cognitive Services Models API per location. Lists page with <c>nextLink</c>.
/// </summary>
internal sealed class ArmRequestHandler(TenantFixture fixture, ArmResourceStore store, ArmKeyStore keys, int pageSize)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonObject> _appSettings = new(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] DefaultApiVersions = ["2025-06-01", "2024-10-01", "2024-04-01", "2023-05-01", "2022-12-01"];

    public EmulatorResponse Handle(EmulatorRequest request)
    {
        if (string.IsNullOrEmpty(request.QueryValue("api-version")))
        {
            return ServiceErrors.Arm(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        var path = request.Path.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) && store.Subscription(segments[1]) is null)
        {
            return ServiceErrors.Arm(404, "SubscriptionNotFound", $"The subscription '{segments[1]}' could not be found.");
        }

        return request.Method switch
        {
            "GET" => Get(request, path, segments),
            "POST" => Post(request, path, segments),
            "PATCH" => Patch(request, path),
            "PUT" when segments.Length >= 2 && Is(segments[^2], "config") && Is(segments[^1], "appsettings") => PutAppSettings(request, path),
            _ => ServiceErrors.Arm(405, "MethodNotAllowed", $"The emulator serves ARM reads, PATCH of existing resources, PUT of a site's config/appsettings and the listKeys/regenerateKey/regenerateAdminKey/appsettings actions only; {request.Method} {path} is not supported."),
        };
    }

    /// <summary>Web Apps - Update Application Settings: the body's <c>properties</c> (name → string value) replace the site's settings.</summary>
    private EmulatorResponse PutAppSettings(EmulatorRequest request, string path)
    {
        var siteId = path[..path.LastIndexOf("/config/", StringComparison.OrdinalIgnoreCase)];
        if (store.Resource(siteId) is null)
        {
            return NotFound(siteId);
        }

        if (request.Body is not JsonObject { } body || body["properties"] is not JsonObject properties || properties.Any(p => p.Value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            return ServiceErrors.Arm(400, "InvalidRequestContent", "The body must be {\"properties\": {\"NAME\": \"value\", …}} with string values.");
        }

        _appSettings[siteId] = new JsonObject { ["properties"] = properties.DeepClone() };
        return AppSettingsResponse(siteId);
    }

    private EmulatorResponse AppSettingsResponse(string siteId)
    {
        // The fixture entry is the whole response object, or at least its "properties"; missing envelope fields are filled in.
        var entry = _appSettings.TryGetValue(siteId, out var updated) ? updated : fixture.AppSettings.GetValueOrDefault(siteId);
        var response = entry is null ? new JsonObject() : (JsonObject)entry.DeepClone();
        response["id"] ??= siteId + "/config/appsettings";
        response["name"] ??= "appsettings";
        response["type"] ??= "Microsoft.Web/sites/config";
        response["location"] ??= store.Resource(siteId)?["location"]?.DeepClone();
        response["properties"] ??= new JsonObject();
        return EmulatorResponse.Ok(response);
    }

    private EmulatorResponse Patch(EmulatorRequest request, string path)
    {
        if (request.Body is not JsonObject body)
        {
            return ServiceErrors.Arm(400, "InvalidRequestContent", "A PATCH body must be a JSON object (properties, tags, identity, sku).");
        }

        var updated = store.Patch(path, body);
        return updated is null
            ? ServiceErrors.Arm(404, "ResourceNotFound", $"The Resource '{path}' was not found.")
            : EmulatorResponse.Ok(updated.DeepClone());
    }

    private EmulatorResponse Get(EmulatorRequest request, string path, string[] segments)
    {
        switch (segments.Length)
        {
            case 1 when Is(segments[0], "subscriptions"):
                return EmulatorResponse.Ok(ArmPaging.Page(request, store.Subscriptions, pageSize));
            case 1 when Is(segments[0], "tenants"):
                return EmulatorResponse.Ok(new JsonObject { ["value"] = new JsonArray(TenantObject()) });
            case 2 when Is(segments[0], "subscriptions"):
                return EmulatorResponse.Ok(store.Subscription(segments[1])!.DeepClone());
            case 2 when Is(segments[0], "providers"):
                return Provider(segments[1], subscriptionId: null);
            case 3 when Is(segments[0], "subscriptions") && Is(segments[2], "resourceGroups"):
                return EmulatorResponse.Ok(ArmPaging.Page(request, store.Collection(path) ?? [], pageSize));
            case 3 when Is(segments[0], "subscriptions") && Is(segments[2], "resources"):
                return GenericList(request, segments[1], resourceGroup: null);
            case 3 when Is(segments[0], "subscriptions") && Is(segments[2], "providers"):
                return EmulatorResponse.Ok(new JsonObject
                {
                    ["value"] = new JsonArray(store.TypesByNamespace().Keys.Order(StringComparer.OrdinalIgnoreCase)
                        .Select(ns => (JsonNode)ProviderObject(ns, segments[1])).ToArray()),
                });
            case 4 when Is(segments[0], "subscriptions") && Is(segments[2], "providers"):
                return Provider(segments[3], segments[1]);
            case 7 when Is(segments[0], "subscriptions") && Is(segments[2], "providers") && Is(segments[3], "Microsoft.CognitiveServices") && Is(segments[4], "locations") && Is(segments[6], "models"):
                // Models - List: the location's model versions from arm/models.json; a location with none lists nothing.
                return EmulatorResponse.Ok(ArmPaging.Page(request, fixture.Models.GetValueOrDefault(segments[5].Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()) ?? [], pageSize));
            case 5 when Is(segments[0], "subscriptions") && Is(segments[2], "resourceGroups") && Is(segments[4], "resources"):
                return store.Exists($"/subscriptions/{segments[1]}/resourceGroups/{segments[3]}")
                    ? GenericList(request, segments[1], segments[3])
                    : ResourceGroupNotFound(segments[3]);
        }

        if (store.Resource(path) is { } resource)
        {
            return EmulatorResponse.Ok(resource.DeepClone());
        }

        if (store.Collection(path) is { } collection)
        {
            return EmulatorResponse.Ok(ArmPaging.Page(request, collection, pageSize));
        }

        return NotFound(path);
    }

    private EmulatorResponse Post(EmulatorRequest request, string path, string[] segments)
    {
        var action = segments[^1];
        if (Is(action, "listKeys") || Is(action, "listAdminKeys"))
        {
            var resourceId = path[..path.LastIndexOf('/')];
            return store.Resource(resourceId) is null ? NotFound(resourceId) : EmulatorResponse.Ok(keys.List(resourceId));
        }

        if (Is(action, "listSecrets"))
        {
            // Container Apps (and similar) list their secrets; the fixture's listKeys.json entry is the whole response.
            var resourceId = path[..path.LastIndexOf('/')];
            return store.Resource(resourceId) is null
                ? NotFound(resourceId)
                : EmulatorResponse.Ok(fixture.ListKeys.GetValueOrDefault(resourceId)?.DeepClone() ?? new JsonObject { ["value"] = new JsonArray() });
        }

        if (Is(action, "regenerateKey"))
        {
            var resourceId = path[..path.LastIndexOf('/')];
            if (store.Resource(resourceId) is null)
            {
                return NotFound(resourceId);
            }

            var keyName = (request.Body as JsonObject)?["keyName"]?.GetValue<string>();
            return keyName is not null && keys.Regenerate(resourceId, keyName) is { } regenerated
                ? EmulatorResponse.Ok(regenerated)
                : ServiceErrors.Arm(400, "InvalidRequestContent", "The request body must be {\"keyName\": \"Key1\"} or {\"keyName\": \"Key2\"}.");
        }

        if (segments.Length >= 2 && Is(segments[^2], "regenerateAdminKey"))
        {
            // Search: POST {service}/regenerateAdminKey/{keyKind}, no body; answers the new {primaryKey, secondaryKey}.
            var resourceId = path[..path.LastIndexOf("/regenerateAdminKey/", StringComparison.OrdinalIgnoreCase)];
            if (store.Resource(resourceId) is not { } service || !Is((string?)service["type"] ?? string.Empty, "Microsoft.Search/searchServices"))
            {
                return NotFound(path);
            }

            return keys.RegenerateAdmin(resourceId, action) is { } regenerated
                ? EmulatorResponse.Ok(regenerated)
                : ServiceErrors.Arm(400, "InvalidKeyKind", $"The key kind '{action}' is not valid; regenerateAdminKey takes 'primary' or 'secondary'.");
        }

        if (segments.Length >= 3 && Is(segments[^3], "config") && Is(segments[^2], "appsettings") && Is(action, "list"))
        {
            var siteId = path[..path.LastIndexOf("/config/", StringComparison.OrdinalIgnoreCase)];
            return store.Resource(siteId) is null ? NotFound(siteId) : AppSettingsResponse(siteId);
        }

        return NotFound(path);
    }

    private EmulatorResponse GenericList(EmulatorRequest request, string subscriptionId, string? resourceGroup)
    {
        var filter = ArmResourceFilter.TryParse(request.QueryValue("$filter"), out var unsupported);
        if (filter is null)
        {
            return ServiceErrors.Arm(400, "InvalidFilterInQueryString", $"The $filter clause '{unsupported}' is not supported; use resourceType eq '...', name eq '...' or location eq '...' joined by 'or'/'and'.");
        }

        var items = store.GenericList(subscriptionId, resourceGroup).Where(filter.Matches).ToList();
        var size = int.TryParse(request.QueryValue("$top"), out var top) && top > 0 ? Math.Min(top, 1000) : pageSize;
        return EmulatorResponse.Ok(ArmPaging.Page(request, items, size));
    }

    private EmulatorResponse Provider(string providerNamespace, string? subscriptionId)
    {
        var types = store.TypesByNamespace();
        return types.ContainsKey(providerNamespace)
            ? EmulatorResponse.Ok(ProviderObject(types.Keys.First(k => Is(k, providerNamespace)), subscriptionId))
            : ServiceErrors.Arm(404, "InvalidResourceNamespace", $"The resource namespace '{providerNamespace}' is invalid or not registered in the emulated tenant.");
    }

    private JsonObject ProviderObject(string providerNamespace, string? subscriptionId)
    {
        var types = store.TypesByNamespace()[providerNamespace];
        var locations = store.Locations();
        return new JsonObject
        {
            ["id"] = subscriptionId is null ? $"/providers/{providerNamespace}" : $"/subscriptions/{subscriptionId}/providers/{providerNamespace}",
            ["namespace"] = providerNamespace,
            ["registrationState"] = "Registered",
            ["registrationPolicy"] = "RegistrationRequired",
            ["resourceTypes"] = new JsonArray(types.Select(t => (JsonNode)new JsonObject
            {
                ["resourceType"] = t,
                ["locations"] = new JsonArray(locations.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                ["apiVersions"] = new JsonArray(DefaultApiVersions.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
                ["capabilities"] = "None",
            }).ToArray()),
        };
    }

    private JsonObject TenantObject() => new()
    {
        ["id"] = "/tenants/" + fixture.TenantId,
        ["tenantId"] = fixture.TenantId,
        ["tenantCategory"] = "Home",
        ["displayName"] = fixture.DisplayName,
        ["defaultDomain"] = fixture.DefaultDomain,
        ["domains"] = new JsonArray(fixture.DefaultDomain),
    };

    private EmulatorResponse NotFound(string path)
    {
        var parsed = ArmResourceId.Parse(path);
        if (parsed.ResourceGroup is not null && !store.Exists($"/subscriptions/{parsed.SubscriptionId}/resourceGroups/{parsed.ResourceGroup}"))
        {
            return ResourceGroupNotFound(parsed.ResourceGroup);
        }

        // A collection whose parent exists is just empty (an account without deployments, a resource without diagnostic settings).
        if (ArmResourceId.ParentOfCollection(path) is { } parent && IsCollectionShaped(path) && store.Exists(parent))
        {
            return EmulatorResponse.Ok(new JsonObject { ["value"] = new JsonArray() });
        }

        return parsed.Type is not null && parsed.ResourceGroup is not null
            ? ServiceErrors.Arm(404, "ResourceNotFound", $"The resource '{parsed.Type}/{path[(path.LastIndexOf('/') + 1)..]}' under resource group '{parsed.ResourceGroup}' was not found.")
            : ServiceErrors.Arm(404, "NotFound", $"No ARM route or resource matches '{path}' in the emulated tenant.");
    }

    private static bool IsCollectionShaped(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => Is(s, "providers"));
        return providers >= 0 && (segments.Length - providers) % 2 == 1 && segments.Length - providers >= 3;
    }

    private static EmulatorResponse ResourceGroupNotFound(string group) =>
        ServiceErrors.Arm(404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.");

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
