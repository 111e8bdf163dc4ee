using Microsoft.AspNetCore.Http;

namespace AiSpm.Emulator.DataPlane;

/// <summary>
/// The cloud host a data-plane request was meant for: <c>X-Forwarded-Host</c> when the routing handler forwarded it
/// (one pooled connection to the emulator for every service), else the request's Host header.
/// </summary>
internal static class DataPlaneHost
{
    public static string Of(HttpContext context) =>
        context.Request.Headers["X-Forwarded-Host"].FirstOrDefault() is { Length: > 0 } forwarded ? forwarded.Split(':')[0] : context.Request.Host.Host;
}
