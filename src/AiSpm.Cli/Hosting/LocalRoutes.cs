using AiSpm.Application.Http;
using System.Text.Json;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Application.Scanning;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiSpm.Cli.Hosting;

/// <summary>
/// The local server's routes, mirroring the Functions app: the HTTP API under <c>/api</c>, and an Event Grid webhook at
/// <c>/runtime/webhooks/eventgrid?functionName=ResourceChanged</c> (or <c>SecretNearExpiry</c>) standing in for the
/// event queues. Every route needs the API key
/// (<c>x-functions-key</c> header or <c>code</c> query), like <c>authLevel: function</c>.
/// </summary>
internal static class LocalRoutes
{
    public static void Map(WebApplication app, AiSpmFunctionApp functions, IScanLauncher launcher, string apiKey)
    {
        app.MapPost("/api/scans", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.StartScanAsync(r, launcher, c.RequestAborted))));
        app.MapGet("/api/scans/{id}", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.ScanStatusAsync(r, launcher, c.RequestAborted))));
        app.MapGet("/api/findings", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.FindingsAsync(r, c.RequestAborted))));
        app.MapPost("/api/findings/{scope}/{findingId}/suppress", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.SuppressFindingAsync(r, "local-api", c.RequestAborted))));
        app.MapGet("/api/inventory", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.InventoryAsync(r, c.RequestAborted))));
        app.MapGet("/api/evidence", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.ExportEvidenceAsync(r, "local-api", c.RequestAborted))));
        app.MapGet("/api/report", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => functions.ReportAsync(r, c.RequestAborted))));
        app.MapMethods("/runtime/webhooks/eventgrid", ["OPTIONS"], (Func<HttpContext, IResult>)(c =>
        {
            // CloudEvents abuse-protection handshake.
            if (!Authorised(c, apiKey))
            {
                return Results.Problem(title: "Unauthorized", detail: "Present the API key in x-functions-key or ?code=.", statusCode: 401);
            }

            c.Response.Headers["WebHook-Allowed-Origin"] = c.Request.Headers["WebHook-Request-Origin"].ToString() is { Length: > 0 } origin ? origin : "*";
            return Results.Ok();
        }));
        app.MapPost("/runtime/webhooks/eventgrid", (Func<HttpContext, Task<IResult>>)(async c =>
        {
            if (!Authorised(c, apiKey))
            {
                return Results.Problem(title: "Unauthorized", detail: "Present the API key in x-functions-key or ?code=.", statusCode: 401);
            }

            var body = BinaryData.FromBytes(await LocalServer.ReadBodyAsync(c).ConfigureAwait(false));
            if (string.Equals(c.Request.Headers["aeg-event-type"], "SubscriptionValidation", StringComparison.OrdinalIgnoreCase))
            {
                return Validate(body);
            }

            IReadOnlyList<IncomingEvent> events;
            try
            {
                events = IncomingEvent.ParseMany(body);
            }
            catch (FormatException ex)
            {
                return Results.Problem(title: "Malformed event", detail: ex.Message, statusCode: 400);
            }

            var lines = string.Equals(c.Request.Query["functionName"], FunctionNames.SecretNearExpiry, StringComparison.OrdinalIgnoreCase)
                ? await functions.HandleSecretEventsAsync(events, c.RequestAborted).ConfigureAwait(false)
                : await functions.HandleEventsAsync(events, launcher, c.RequestAborted).ConfigureAwait(false);
            return Results.Json(new { handled = lines });
        }));
    }

    /// <summary>
    /// The rotation routes: the list and terminate behind the key, and the approval links without it — their signed
    /// token is their credential, checked by the handler before anything is read, as in the Functions app.
    /// </summary>
    public static void MapRotations(WebApplication app, LocalRotations rotations, string apiKey)
    {
        app.MapGet("/api/rotations", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => rotations.Requests.ListAsync(r, rotations.Client, c.RequestAborted))));
        app.MapPost("/api/rotations/{id}/terminate", (Func<HttpContext, Task<IResult>>)(c => Http(c, apiKey, r => rotations.Requests.TerminateAsync(r, rotations.Client, "local-api", c.RequestAborted))));
        foreach (var action in new[] { ApprovalLinks.Approve, ApprovalLinks.Reject })
        {
            app.MapMethods("/api/rotations/{id}/" + action, ["GET", "POST"], (Func<HttpContext, Task<IResult>>)(async c =>
                await HttpDispatch.InvokeAsync(c.Request, r => rotations.Requests.DecideAsync(r, action, rotations.Client, "approval link", c.RequestAborted), c.RequestAborted).ConfigureAwait(false)));
        }
    }

    private static IResult Validate(BinaryData body)
    {
        try
        {
            foreach (var e in EventGridEvent.ParseMany(body))
            {
                if (e.TryGetSystemEventData(out var data) && data is SubscriptionValidationEventData validation)
                {
                    return Results.Json(new { validationResponse = validation.ValidationCode });
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            return Results.Problem(title: "Malformed validation event", detail: ex.Message.Split('\n')[0], statusCode: 400);
        }

        return Results.Problem(title: "Malformed validation event", detail: "No Microsoft.EventGrid.SubscriptionValidationEvent in the body.", statusCode: 400);
    }

    private static async Task<IResult> Http(HttpContext context, string apiKey, Func<FunctionHttpRequest, Task<FunctionHttpResponse>> handler)
    {
        if (!Authorised(context, apiKey))
        {
            return Results.Problem(title: "Unauthorized", detail: "Present the API key in x-functions-key or ?code=.", statusCode: 401);
        }

        return await HttpDispatch.InvokeAsync(context.Request, handler, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool Authorised(HttpContext context, string apiKey) =>
        LocalServer.KeyMatches(context.Request.Headers["x-functions-key"].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault(), apiKey);
}
