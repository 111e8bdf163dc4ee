using System.Text.Json.Nodes;
using AiSpm.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.DataPlane;

/// <summary>
/// The key check of the Azure AI Search data plane, reached like <see cref="AiServicesDataPlane"/>: a request whose Host
/// is <c>{service}.search.windows.net</c> (sent to the emulator's address with that Host header) is answered 200 when its
/// <c>api-key</c> is one of the service's current admin keys (<c>listAdminKeys</c>), and 403 as the service does for a
/// key it does not accept (or when local authentication is disabled) — so a regenerated admin key can be shown to be
/// rejected. Query keys are not emulated; nothing else of the data plane is.
/// </summary>
internal sealed class SearchDataPlane(ArmResourceStore store, ArmKeyStore keys)
{
    private const string Suffix = ".search.windows.net";

    /// <summary>Answers the request if it is for a Search data plane; returns false to let the other routes have it.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        if (!host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = host[..^Suffix.Length];
        var service = store.AllResources.FirstOrDefault(r =>
            string.Equals((string?)r["type"], "Microsoft.Search/searchServices", StringComparison.OrdinalIgnoreCase)
            && string.Equals((string?)r["name"], name, StringComparison.OrdinalIgnoreCase));
        if (service is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "", ["message"] = $"The search service '{name}' was not found." } }, context.RequestAborted);
            return true;
        }

        var presented = context.Request.Headers["api-key"].FirstOrDefault();
        var current = keys.List((string)service["id"]!);
        var localAuthDisabled = (bool?)service["properties"]?["disableLocalAuth"] == true;
        if (!localAuthDisabled && presented is not null && (presented == (string?)current["primaryKey"] || presented == (string?)current["secondaryKey"]))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["@odata.context"] = $"https://{host}/$metadata#indexes", ["value"] = new JsonArray() }, context.RequestAborted);
            return true;
        }

        context.Response.StatusCode = 403;
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "", ["message"] = "Authorization failed." },
        }, context.RequestAborted);
        return true;
    }
}
