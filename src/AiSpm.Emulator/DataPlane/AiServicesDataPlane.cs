using System.Text.Json.Nodes;
using AiSpm.Emulator.Arm;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.DataPlane;

/// <summary>
/// The key check of the Azure OpenAI / AI Services data plane: a request whose Host is
/// <c>{subdomain}.openai.azure.com</c>, <c>.cognitiveservices.azure.com</c> or <c>.services.ai.azure.com</c> (send it to
/// the emulator's address with that Host header) is answered 200 when its <c>api-key</c> (or
/// <c>Ocp-Apim-Subscription-Key</c>) is one of the account's current keys, and 401 as the service does otherwise — so a
/// regenerated key can be shown to be rejected. Nothing else of the data plane is emulated.
/// </summary>
internal sealed class AiServicesDataPlane(ArmResourceStore store, ArmKeyStore keys)
{
    private static readonly string[] Suffixes = [".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com"];

    /// <summary>Answers the request if it is for the data plane; returns false to let the management routes have it.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var host = DataPlaneHost.Of(context);
        var suffix = Suffixes.FirstOrDefault(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
        if (suffix is null)
        {
            return false;
        }

        var subdomain = host[..^suffix.Length];
        var account = store.AllResources.FirstOrDefault(r =>
            string.Equals((string?)r["type"], "Microsoft.CognitiveServices/accounts", StringComparison.OrdinalIgnoreCase)
            && (string.Equals((string?)r["properties"]?["customSubDomainName"], subdomain, StringComparison.OrdinalIgnoreCase)
                || string.Equals((string?)r["name"], subdomain, StringComparison.OrdinalIgnoreCase)));
        if (account is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "404", ["message"] = "Resource not found" } }, context.RequestAborted);
            return true;
        }

        var presented = context.Request.Headers["api-key"].FirstOrDefault() ?? context.Request.Headers["Ocp-Apim-Subscription-Key"].FirstOrDefault();
        var current = keys.List((string)account["id"]!);
        var localAuthDisabled = (bool?)account["properties"]?["disableLocalAuth"] == true;
        if (!localAuthDisabled && presented is not null && (presented == (string?)current["key1"] || presented == (string?)current["key2"]))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["object"] = "list", ["data"] = new JsonArray() }, context.RequestAborted);
            return true;
        }

        context.Response.StatusCode = 401;
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "401",
                ["message"] = "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
            },
        }, context.RequestAborted);
        return true;
    }
}
