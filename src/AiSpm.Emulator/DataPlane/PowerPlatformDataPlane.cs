using System.Text.Json.Nodes;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Fixtures;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.DataPlane;

/// <summary>
/// The Power Platform admin API (<c>api.bap.microsoft.com</c>) and each environment's Dataverse Web API
/// (<c>{org}.crm*.dynamics.com</c>), reached like the other data planes (the cloud host in <c>X-Forwarded-Host</c>).
/// Both want a bearer token (401 without one). The admin API lists the fixture's environments at
/// <c>/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments</c>; a Dataverse host answers
/// <c>/api/data/v9.2/{table}</c> from <c>dataverse/{environment}/{table}.json</c>, and refuses with 403 (as Dataverse
/// does for a caller that is not a user of the organisation) when the environment has no such folder.
/// </summary>
internal sealed class PowerPlatformDataPlane(TenantFixture fixture, RequestStats stats)
{
    private const string AdminHost = "api.bap.microsoft.com";
    private const string EnvironmentsPath = "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments";
    private const string TablePrefix = "/api/data/v9.2/";

    private readonly Lazy<Dictionary<string, string>> _environmentsByHost = new(() => fixture.PowerPlatformEnvironments
        .Select(e => (Name: (string?)e["name"], Url: (string?)e["properties"]?["linkedEnvironmentMetadata"]?["instanceUrl"]))
        .Where(e => e.Name is not null && Uri.TryCreate(e.Url, UriKind.Absolute, out _))
        .GroupBy(e => new Uri(e.Url!).Host, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().Name!, StringComparer.OrdinalIgnoreCase));

    /// <summary>Answers the request if it is for the admin API or a Dataverse host; returns false otherwise.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var host = DataPlaneHost.Of(context);
        var isAdmin = string.Equals(host, AdminHost, StringComparison.OrdinalIgnoreCase);
        if (!isAdmin && !host.EndsWith(".dynamics.com", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var bearer = context.Request.Headers.Authorization.FirstOrDefault();
        if (bearer is not { Length: > 7 } || !bearer.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, 401, Error("Unauthorized", "The request has no bearer token."));
            return true;
        }

        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimEnd('/');
        if (isAdmin)
        {
            stats.CountRequest("powerplatform:environments");
            await (path.Equals(EnvironmentsPath, StringComparison.OrdinalIgnoreCase)
                ? WriteAsync(context, 200, new JsonObject { ["value"] = new JsonArray([.. fixture.PowerPlatformEnvironments.Select(e => e.DeepClone())]) })
                : WriteAsync(context, 404, Error("ResourceNotFound", $"No route for {path}.")));
            return true;
        }

        if (!_environmentsByHost.Value.TryGetValue(host, out var environment))
        {
            await WriteAsync(context, 404, Error("0x80040217", $"No organisation at {host}."));
            return true;
        }

        if (!fixture.DataverseTables.TryGetValue(environment, out var tables))
        {
            stats.CountRequest("dataverse:refused");
            await WriteAsync(context, 403, Error("0x80072560", "The user is not a member of the organization."));
            return true;
        }

        if (!path.StartsWith(TablePrefix, StringComparison.OrdinalIgnoreCase) || path[TablePrefix.Length..].Contains('/', StringComparison.Ordinal))
        {
            await WriteAsync(context, 404, Error("0x80060888", $"Resource not found for the segment '{path}'."));
            return true;
        }

        var table = path[TablePrefix.Length..];
        stats.CountRequest("dataverse:" + table.ToLowerInvariant());
        var rows = tables.GetValueOrDefault(table) ?? [];
        await WriteAsync(context, 200, new JsonObject
        {
            ["@odata.context"] = $"https://{host}{TablePrefix}$metadata#{table}",
            ["value"] = new JsonArray([.. rows.Select(r => r.DeepClone())]),
        });
        return true;
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
