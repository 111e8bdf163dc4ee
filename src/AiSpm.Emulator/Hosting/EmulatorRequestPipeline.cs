using System.Globalization;
using System.Text.Json;
using AiSpm.Emulator.Arm;
using AiSpm.Emulator.Faults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiSpm.Emulator.Hosting;

/// <summary>
/// The single request path of the emulator: classify the service, count the route, apply injected faults, check the bearer
/// token (with the Key Vault challenge), apply the throttling model, call the service handler and write its answer.
/// Any exception becomes a 500 with a service-shaped body; the server never goes down on a request.
/// </summary>
internal sealed class EmulatorRequestPipeline(
    IReadOnlyDictionary<EmulatorService, Func<EmulatorRequest, EmulatorResponse>> handlers,
    FaultInjector faults,
    RequestStats stats,
    ArmThrottle armThrottle,
    ResourceGraphQuota resourceGraphQuota,
    RequestIdSequence requestIds,
    string tenantId,
    TimeProvider time,
    ILogger logger)
{
    // Relaxed escaping keeps quotes and apostrophes literal, as the real services write them.
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = WriteOptions.Encoder };

    public Uri BaseUri { get; set; } = new("https://127.0.0.1/");

    /// <summary>Vault names by the dedicated port their vault URI uses (Key Vault clients need the vault at the root of a host).</summary>
    public IReadOnlyDictionary<int, string> VaultsByPort { get; set; } = new Dictionary<int, string>();

    public async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        var baseUri = BaseUri;
        var service = ServiceClassifier.Classify(path);
        var routePath = path;
        if (VaultsByPort.TryGetValue(context.Connection.LocalPort, out var vault))
        {
            service = EmulatorService.KeyVault;
            baseUri = new Uri($"https://127.0.0.1:{context.Connection.LocalPort}/");
            routePath = $"/keyvault/{vault}{path}";
        }

        var route = RouteTemplate.For(service, context.Request.Method, routePath);
        var requestId = requestIds.Next();
        try
        {
            stats.CountRequest(route);
            var decision = faults.Decide(service, context.Request.Method, path, route);
            if (decision.Delay > TimeSpan.Zero)
            {
                await Task.Delay(decision.Delay, time, context.RequestAborted);
            }

            var truncate = false;
            switch (decision.Failure?.Kind)
            {
                case FaultKind.ConnectionReset:
                    EmulatorLog.FaultInjected(logger, "connection reset", route);
                    context.Abort();
                    return;
                case FaultKind.TooManyRequests or FaultKind.ServiceUnavailable:
                    EmulatorLog.FaultInjected(logger, decision.Failure.Kind.ToString(), route);
                    var status = decision.Failure.Kind == FaultKind.TooManyRequests ? 429 : 503;
                    var faulted = ServiceErrors.For(service, status, null, $"Injected fault: {decision.Failure.Kind} on {route}.", time.GetUtcNow(), requestId)
                        .WithHeader("Retry-After", decision.Failure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
                    await WriteAsync(context, faulted, requestId, truncate: false);
                    return;
                case FaultKind.Forbidden:
                    EmulatorLog.FaultInjected(logger, "forbidden", route);
                    var forbidden = ServiceErrors.For(service, 403, null, $"Injected fault: the caller lacks permission for {route}.", time.GetUtcNow(), requestId);
                    await WriteAsync(context, forbidden, requestId, truncate: false);
                    return;
                case FaultKind.TruncatedBody:
                    EmulatorLog.FaultInjected(logger, "truncated body", route);
                    truncate = true;
                    break;
            }

            var response = await ServeAsync(context, service, path, baseUri, requestId, route);
            EmulatorLog.Served(logger, route, response.Status);
            await WriteAsync(context, response, requestId, truncate);
        }
        catch (InvalidSkipTokenException ex)
        {
            var error = ServiceErrors.For(service, 400, service == EmulatorService.Graph ? "Request_BadRequest" : "InvalidSkipToken", ex.Message, time.GetUtcNow(), requestId);
            await WriteAsync(context, error, requestId, truncate: false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
#pragma warning disable CA1031 // The emulator answers every failure with a shaped 500 instead of dropping the connection.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EmulatorLog.RequestCrashed(logger, ex, context.Request.Method, path);
            if (!context.Response.HasStarted)
            {
                var error = ServiceErrors.For(service, 500, "InternalServerError", $"The emulator failed to serve {context.Request.Method} {path}: {ex.GetType().Name}: {ex.Message}", time.GetUtcNow(), requestId);
                await WriteAsync(context, error, requestId, truncate: false);
            }
            else
            {
                context.Abort();
            }
        }
    }

    private async Task<EmulatorResponse> ServeAsync(HttpContext context, EmulatorService service, string path, Uri baseUri, string requestId, string route)
    {
        if (service is EmulatorService.Arm or EmulatorService.ResourceGraph or EmulatorService.Graph or EmulatorService.KeyVault
            && !HasBearerToken(context))
        {
            return Unauthorized(service, requestId);
        }

        EmulatorRequest request;
        try
        {
            request = await EmulatorRequest.FromHttpAsync(context, baseUri);
            if (request.User is not null)
            {
                stats.SawDelegatedToken(context.Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim());
            }
        }
        catch (JsonException ex)
        {
            return ServiceErrors.For(service, 400, service == EmulatorService.Graph ? "BadRequest" : "InvalidRequestContent", $"The request body is not valid JSON: {ex.Message}", time.GetUtcNow(), requestId);
        }

        var throttle = service switch
        {
            EmulatorService.Arm => armThrottle.Take(SubscriptionOf(path), isWrite: request.Method != "GET"),
            EmulatorService.ResourceGraph => resourceGraphQuota.Take(),
            _ => ThrottleOutcome.Unlimited,
        };
        if (!throttle.Allowed)
        {
            EmulatorLog.Throttled(logger, route, throttle.RetryAfterSeconds);
            var throttled = service == EmulatorService.ResourceGraph
                ? ServiceErrors.Arm(429, "RateLimiting", "Please provide below info when asking for support: the Resource Graph query quota of this principal is used up; retry after the window resets.")
                : ServiceErrors.Arm(429, "SubscriptionRequestsThrottled", $"Number of {(request.Method == "GET" ? "read" : "write")} requests for subscription '{SubscriptionOf(path) ?? tenantId}' exceeded. Please try again after '{throttle.RetryAfterSeconds}' seconds.");
            throttled.WithHeader("Retry-After", throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, value) in throttle.Headers)
            {
                throttled.WithHeader(name, value);
            }

            return throttled;
        }

        var response = handlers.TryGetValue(service, out var handler)
            ? handler(request)
            : ServiceErrors.For(service, 404, null, $"No route matches {request.Method} {path}.", time.GetUtcNow(), requestId);
        foreach (var (name, value) in throttle.Headers)
        {
            response.Headers.TryAdd(name, value);
        }

        return response;
    }

    private EmulatorResponse Unauthorized(EmulatorService service, string requestId)
    {
        if (service == EmulatorService.KeyVault)
        {
            // The challenge SecretClient expects before it asks its credential for a token.
            return ServiceErrors.Arm(401, "Unauthorized", "AKV10000: Request carries no bearer token.")
                .WithHeader("WWW-Authenticate", $"Bearer authorization=\"https://login.microsoftonline.com/{tenantId}\", resource=\"https://vault.azure.net\"");
        }

        return service == EmulatorService.Graph
            ? ServiceErrors.Graph(401, "InvalidAuthenticationToken", "Access token is empty.", time.GetUtcNow(), requestId)
            : ServiceErrors.Arm(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                .WithHeader("WWW-Authenticate", "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\"");
    }

    private static bool HasBearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > "Bearer ".Length;
    }

    private static string? SubscriptionOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? segments[1] : null;
    }

    private async Task WriteAsync(HttpContext context, EmulatorResponse response, string requestId, bool truncate)
    {
        stats.CountStatus(response.Status);
        context.Response.StatusCode = response.Status;
        context.Response.Headers["x-ms-request-id"] = requestId;
        context.Response.Headers["request-id"] = requestId;
        if (context.Request.Headers.TryGetValue("client-request-id", out var clientRequestId))
        {
            context.Response.Headers["client-request-id"] = clientRequestId;
        }

        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is null)
        {
            context.Response.ContentLength = 0;
            return;
        }

        using var buffer = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            response.Body.WriteTo(writer, WriteOptions);
        }

        var bytes = buffer.WrittenMemory;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        if (!truncate)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            return;
        }

        await context.Response.Body.WriteAsync(bytes[..(bytes.Length / 2)], context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        context.Abort();
    }
}
