using System.Text.Json.Nodes;
using AiSpm.Emulator.Arm;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Fixtures;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.DataPlane;

/// <summary>
/// The Azure AI Search data plane, reached like <see cref="AiServicesDataPlane"/>: a request whose Host is
/// <c>{service}.search.windows.net</c> (sent to the emulator's address with that Host header). It authenticates as the
/// service does: an <c>api-key</c> that is one of the service's current admin keys (<c>listAdminKeys</c>) unless local
/// authentication is disabled, or a bearer token when the service accepts role-based access (<c>authOptions.aadOrApiKey</c>
/// set, or local authentication disabled); anything else is 403. It serves the fixture's <c>search/{service}.json</c>:
/// <c>GET /datasources</c> (connection strings null, as the service lists them), <c>GET /datasources('name')</c>
/// (the connection string only with <c>includeConnectionString=true</c>), <c>GET /indexers</c>; any other path answers
/// an empty list, so a regenerated admin key can be shown to be rejected.
/// </summary>
internal sealed class SearchDataPlane(ArmResourceStore store, ArmKeyStore keys, TenantFixture fixture, RequestStats stats)
{
    private const string Suffix = ".search.windows.net";

    // Search services by name, indexed once (the objects themselves are the store's, so a PATCH shows through).
    private readonly Lazy<Dictionary<string, JsonObject>> _services = new(() => store.AllResources
        .Where(r => string.Equals((string?)r["type"], "Microsoft.Search/searchServices", StringComparison.OrdinalIgnoreCase) && r["name"] is not null)
        .GroupBy(r => (string)r["name"]!, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    /// <summary>Answers the request if it is for a Search data plane; returns false to let the other routes have it.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var host = DataPlaneHost.Of(context);
        if (!host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = host[..^Suffix.Length];
        var service = _services.Value.GetValueOrDefault(name);
        if (service is null)
        {
            await WriteAsync(context, 404, Error($"The search service '{name}' was not found."));
            return true;
        }

        if (!Authorised(context, service))
        {
            stats.CountRequest("search:refused");
            await WriteAsync(context, 403, Error("Authorization failed."));
            return true;
        }

        var objects = fixture.SearchServices.GetValueOrDefault(name);
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimEnd('/');
        if (path.Equals("/datasources", StringComparison.OrdinalIgnoreCase))
        {
            stats.CountRequest("search:datasources");
            await WriteAsync(context, 200, List(host, "datasources", Items(objects, "datasources").Select(d => WithConnectionString(d, include: false))));
        }
        else if (path.Equals("/indexers", StringComparison.OrdinalIgnoreCase))
        {
            stats.CountRequest("search:indexers");
            await WriteAsync(context, 200, List(host, "indexers", Items(objects, "indexers").Select(i => i.DeepClone())));
        }
        else if (DataSourceName(path) is { } dataSourceName)
        {
            stats.CountRequest("search:datasource");
            var include = string.Equals(context.Request.Query["includeConnectionString"], "true", StringComparison.OrdinalIgnoreCase);
            var dataSource = Items(objects, "datasources").FirstOrDefault(d => string.Equals((string?)d["name"], dataSourceName, StringComparison.Ordinal));
            await (dataSource is null
                ? WriteAsync(context, 404, Error($"No data source with the name '{dataSourceName}' was found in service '{name}'."))
                : WriteAsync(context, 200, WithConnectionString(dataSource, include)));
        }
        else
        {
            await WriteAsync(context, 200, List(host, "indexes", []));
        }

        return true;
    }

    private bool Authorised(HttpContext context, JsonObject service)
    {
        var localAuthDisabled = (bool?)service["properties"]?["disableLocalAuth"] == true;
        var presented = context.Request.Headers["api-key"].FirstOrDefault();
        if (!localAuthDisabled && presented is not null)
        {
            var current = keys.List((string)service["id"]!);
            return presented == (string?)current["primaryKey"] || presented == (string?)current["secondaryKey"];
        }

        var bearer = context.Request.Headers.Authorization.FirstOrDefault();
        var acceptsRoles = localAuthDisabled || service["properties"]?["authOptions"]?["aadOrApiKey"] is not null;
        return acceptsRoles && bearer is { Length: > 7 } && bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>/datasources('name')</c> or <c>/datasources/name</c> → the name.</summary>
    private static string? DataSourceName(string path)
    {
        const string prefix = "/datasources";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.Length == prefix.Length)
        {
            return null;
        }

        var rest = path[prefix.Length..];
        return rest.StartsWith("('", StringComparison.Ordinal) && rest.EndsWith("')", StringComparison.Ordinal) ? rest[2..^2].Replace("''", "'", StringComparison.Ordinal)
            : rest.StartsWith('/') && !rest[1..].Contains('/', StringComparison.Ordinal) ? rest[1..]
            : null;
    }

    private static IEnumerable<JsonObject> Items(JsonObject? service, string collection) =>
        service?[collection] is JsonArray items ? items.OfType<JsonObject>() : [];

    private static JsonObject WithConnectionString(JsonObject dataSource, bool include)
    {
        var copy = dataSource.DeepClone().AsObject();
        if (!include || copy["credentials"] is not JsonObject)
        {
            copy["credentials"] = new JsonObject { ["connectionString"] = null };
        }

        return copy;
    }

    private static JsonObject List(string host, string collection, IEnumerable<JsonNode> items) =>
        new() { ["@odata.context"] = $"https://{host}/$metadata#{collection}", ["value"] = new JsonArray([.. items]) };

    private static JsonObject Error(string message) => new() { ["error"] = new JsonObject { ["code"] = "", ["message"] = message } };

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
