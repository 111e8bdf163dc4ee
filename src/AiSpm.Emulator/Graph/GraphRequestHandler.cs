using System.Globalization;
using System.Text.Json.Nodes;
using AiSpm.Emulator.Arm;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Hosting;

namespace AiSpm.Emulator.Graph;

/// <summary>
/// Microsoft Graph v1.0 and beta over the fixture: collections with <c>$filter</c>, <c>$select</c>, <c>$top</c> (≤ 999) and
/// <c>@odata.nextLink</c>; items by id or <c>(appId='…')</c>; a service principal's <c>appRoleAssignedTo</c>,
/// <c>appRoleAssignments</c> and <c>oauth2PermissionGrants</c>; the <c>owners</c> of applications and service principals; singletons such as <c>policies/authorizationPolicy</c>;
/// <c>$batch</c>. Every request is charged to the resource-unit budget.
/// </summary>
internal sealed class GraphRequestHandler(GraphDirectory directory, GraphResourceUnitBudget budget, int defaultPageSize, TimeProvider time, RequestIdSequence requestIds)
{
    private const int MaxPageSize = 999;
    private const string OwnersDocument = "owners";
    private static readonly string[] UnsupportedQueryOptions = ["$expand", "$orderby", "$search", "$apply", "$compute"];

    public EmulatorResponse Handle(EmulatorRequest request)
    {
        var (version, relative) = Split(request.Path);
        if (relative.Equals("$batch", StringComparison.OrdinalIgnoreCase))
        {
            return request.Method == "POST"
                ? new GraphBatchHandler(this).Handle(request, version)
                : Error(405, "Request_BadRequest", "$batch accepts POST only.");
        }

        return HandleCharged(request);
    }

    /// <summary>Serves one request (top-level or inside a batch) after charging its resource units.</summary>
    internal EmulatorResponse HandleCharged(EmulatorRequest request)
    {
        var (version, relative) = Split(request.Path);
        var throttle = budget.Take(GraphResourceUnitCost.For(request.Method, relative, request.Query));
        EmulatorResponse response;
        if (!throttle.Allowed)
        {
            response = Error(429, "TooManyRequests", "Too many requests: the resource-unit budget of this application in this tenant is used up.")
                .WithHeader("Retry-After", throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            response = Serve(request, version, relative);
        }

        foreach (var (name, value) in throttle.Headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    private EmulatorResponse Serve(EmulatorRequest request, string version, string relative)
    {
        if (request.Method != "GET")
        {
            return Error(405, "Request_BadRequest", $"The emulator serves Microsoft Graph reads only; {request.Method} /{version}/{relative} is not supported.");
        }

        // Said out loud rather than ignored, so a collector never mistakes an unfiltered answer for a real one.
        if (UnsupportedQueryOptions.FirstOrDefault(o => request.Query.ContainsKey(o)) is { } unsupportedOption)
        {
            return Error(400, "Request_UnsupportedQuery", $"The emulator does not support the query option '{unsupportedOption}'.");
        }

        var segments = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return NotFound(relative);
        }

        if (segments[0].Equals("me", StringComparison.OrdinalIgnoreCase))
        {
            return request.User is { } user
                ? EmulatorResponse.Ok(Select(request, directory.User(version, user), "users/$entity"))
                : Error(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
        }

        // Graph serves the Copilot admin settings and catalogue to signed-in administrators only: no application permission exists.
        if (request.User is null && relative.StartsWith("copilot/admin/", StringComparison.OrdinalIgnoreCase))
        {
            return Error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation. This API supports delegated permissions only.");
        }

        // owners.json is the map behind the owners navigations, not a Graph path of its own.
        if (!relative.Equals(OwnersDocument, StringComparison.OrdinalIgnoreCase) && directory.Document(version, relative) is { } document)
        {
            return Document(request, version, relative, document);
        }

        if (segments is [var policies, var policy] && policies.Equals("policies", StringComparison.OrdinalIgnoreCase)
            && directory.Document(version, policy) is JsonObject policyDocument)
        {
            return Document(request, version, relative, policyDocument);
        }

        var (collection, key) = SplitAlternateKey(segments[0]);
        JsonObject? item;
        if (key is not null)
        {
            var (property, value) = key.Value;
            item = directory.Collection(version, collection)?.FirstOrDefault(i => string.Equals((string?)i[property], value, StringComparison.OrdinalIgnoreCase));
        }
        else if (segments.Length >= 2 && directory.Collection(version, collection) is not null)
        {
            item = directory.Item(version, collection, segments[1]);
        }
        else
        {
            return NotFound(relative);
        }

        var navigation = segments.Skip(key is null ? 2 : 1).ToArray();
        if (item is null)
        {
            return Error(404, "Request_ResourceNotFound", $"Resource '{(key is null ? segments[1] : key.Value.Value)}' does not exist or one of its queried reference-property objects are not present.");
        }

        return navigation switch
        {
            [] => EmulatorResponse.Ok(Select(request, item, $"{collection}/$entity")),
            [var nav] => Navigation(request, version, collection, (string)item["id"]!, nav),
            _ => NotFound(relative),
        };
    }

    private EmulatorResponse Navigation(EmulatorRequest request, string version, string collection, string id, string navigation)
    {
        if (navigation.Equals("owners", StringComparison.OrdinalIgnoreCase)
            && (collection.Equals("servicePrincipals", StringComparison.OrdinalIgnoreCase) || collection.Equals("applications", StringComparison.OrdinalIgnoreCase)))
        {
            return List(request, version, "directoryObjects", Owners(version, id));
        }

        if (!collection.Equals("servicePrincipals", StringComparison.OrdinalIgnoreCase))
        {
            return NotFound($"{collection}/{id}/{navigation}");
        }

        var (source, property) = navigation.ToLowerInvariant() switch
        {
            "approleassignedto" => ("appRoleAssignments", "resourceId"),
            "approleassignments" => ("appRoleAssignments", "principalId"),
            "oauth2permissiongrants" => ("oauth2PermissionGrants", "clientId"),
            _ => (null, null),
        };
        if (source is null)
        {
            return NotFound($"{collection}/{id}/{navigation}");
        }

        var items = (directory.Collection(version, source) ?? [])
            .Where(i => string.Equals((string?)i[property!], id, StringComparison.OrdinalIgnoreCase)).ToList();
        return List(request, version, $"{collection}('{id}')/{navigation}", items);
    }

    /// <summary>The owners of an application or service principal from the fixture's <c>owners.json</c> map (object id → directoryObjects); none when absent.</summary>
    private List<JsonObject> Owners(string version, string id) =>
        directory.Document(version, OwnersDocument) is JsonObject map && map.FirstOrDefault(p => string.Equals(p.Key, id, StringComparison.OrdinalIgnoreCase)).Value is JsonArray owners
            ? owners.OfType<JsonObject>().ToList()
            : [];

    private EmulatorResponse Document(EmulatorRequest request, string version, string relative, JsonNode document)
    {
        if (document is JsonObject obj && obj["value"] is JsonArray)
        {
            return List(request, version, relative, directory.Collection(version, relative) ?? obj["value"]!.AsArray().OfType<JsonObject>().ToList());
        }

        return EmulatorResponse.Ok(Select(request, (JsonObject)document, relative + "/$entity"));
    }

    private EmulatorResponse List(EmulatorRequest request, string version, string contextPath, IReadOnlyList<JsonObject> items)
    {
        var filter = GraphFilter.TryParse(request.QueryValue("$filter"), out var unsupported);
        if (filter is null)
        {
            return Error(400, "Request_UnsupportedQuery", $"Unsupported or invalid query filter clause specified: '{unsupported}'.");
        }

        var pageSize = defaultPageSize;
        if (request.QueryValue("$top") is { } topText)
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize)
            {
                return Error(400, "Request_BadRequest", $"Invalid page size specified: '{topText}'. Must be between 1 and {MaxPageSize} inclusive.");
            }
        }

        // No $filter: page over the directory's own list rather than copying a large collection on every page.
        var matching = filter.IsEmpty ? items : items.Where(filter.Matches).ToList();
        var (page, next) = ArmPaging.Slice(request, matching, pageSize);
        var body = new JsonObject { ["@odata.context"] = $"https://graph.microsoft.com/{version}/$metadata#{contextPath}" };
        if (string.Equals(request.QueryValue("$count"), "true", StringComparison.OrdinalIgnoreCase))
        {
            body["@odata.count"] = matching.Count;
        }

        if (next is { } offset)
        {
            body["@odata.nextLink"] = ArmPaging.NextLink(request, offset);
        }

        body["value"] = new JsonArray(page.Select(i => (JsonNode)Project(request, i)).ToArray());
        return EmulatorResponse.Ok(body);
    }

    private static JsonObject Select(EmulatorRequest request, JsonObject item, string context)
    {
        var result = new JsonObject { ["@odata.context"] = $"https://graph.microsoft.com/{Split(request.Path).Version}/$metadata#{context}" };
        foreach (var (key, value) in Project(request, item))
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>The item, reduced to the <c>$select</c> properties when there is a <c>$select</c>.</summary>
    private static JsonObject Project(EmulatorRequest request, JsonObject item)
    {
        if (request.QueryValue("$select") is not { Length: > 0 } select)
        {
            return (JsonObject)item.DeepClone();
        }

        var wanted = select.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var projected = new JsonObject();
        foreach (var (key, value) in item)
        {
            if (key.StartsWith("@odata.", StringComparison.Ordinal) || wanted.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                projected[key] = value?.DeepClone();
            }
        }

        return projected;
    }

    /// <summary>"servicePrincipals(appId='x')" → ("servicePrincipals", ("appId", "x")); anything else → (segment, null).</summary>
    private static (string Collection, (string Property, string Value)? Key) SplitAlternateKey(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !segment.EndsWith(')'))
        {
            return (segment, null);
        }

        var inner = segment[(open + 1)..^1];
        var equals = inner.IndexOf('=', StringComparison.Ordinal);
        var (property, value) = equals < 0 ? ("id", inner) : (inner[..equals].Trim(), inner[(equals + 1)..].Trim());
        return (segment[..open], (property, value.Trim('\'')));
    }

    internal static (string Version, string Relative) Split(string path)
    {
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (trimmed, string.Empty) : (trimmed[..slash], trimmed[(slash + 1)..].TrimEnd('/'));
    }

    private EmulatorResponse NotFound(string relative) =>
        Error(404, "Request_ResourceNotFound", $"Resource not found for the segment '{relative}'.");

    internal EmulatorResponse Error(int status, string code, string message) =>
        ServiceErrors.Graph(status, code, message, time.GetUtcNow(), requestIds.Next());
}
