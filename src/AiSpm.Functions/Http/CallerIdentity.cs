using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Functions.Http;

/// <summary>
/// Who called, for the audit trail: the identities the Functions host authenticated (the function key's id, or the
/// signed-in user of App Service authentication). Request headers are never trusted for it.
/// </summary>
internal static class CallerIdentity
{
    /// <summary>The actor to audit: <c>key:&lt;key id&gt;</c>, a user principal name, or <paramref name="fallback"/>.</summary>
    public static string Of(HttpRequest request, string fallback = "function-key")
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var claim in request.HttpContext.User.Identities.SelectMany(i => i.Claims))
        {
            if (claim.Type.EndsWith("/claims/keyid", StringComparison.Ordinal))
            {
                return "key:" + claim.Value;
            }

            if (claim.Type is ClaimTypes.Upn or ClaimTypes.Name or "name" or "preferred_username")
            {
                return claim.Value;
            }
        }

        return fallback;
    }
}
