using AiSpm.Application.Http;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using AiSpm.Application.Scanning;

namespace AiSpm.Cli.Hosting;

/// <summary>
/// The custom-handler server: answers the Functions host's invocation envelopes at <c>POST /{FunctionName}</c> on
/// 127.0.0.1, and in local mode also serves the HTTP API, the Event Grid webhook (with the validation handshake),
/// the schedule and the shard-queue poller itself.
/// </summary>
public sealed partial class CustomHandlerServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = null };
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];

    private CustomHandlerServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>Where the server listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts the server (and, in local mode, the timer and the poller).</summary>
    public static async Task<CustomHandlerServer> StartAsync(ServerOptions options, AiSpmFunctionApp functions, ShardQueueWorker? worker = null, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(functions);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, Emulator.Hosting.EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var logger = (loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("AiSpm.Server");

        app.MapGet("/", () => Results.Text("aispm"));
        MapEnvelope(app, FunctionNames.ScheduledScan, functions.ScheduledScanAsync, logger);
        MapEnvelope(app, FunctionNames.ScanShard, functions.ScanShardAsync, logger);
        MapEnvelope(app, FunctionNames.ResourceChanged, functions.ResourceChangedAsync, logger);
        MapEnvelope(app, FunctionNames.SecretNearExpiry, functions.SecretNearExpiryAsync, logger);
        MapHttpEnvelope(app, FunctionNames.StartScan, (r, _, ct) => functions.StartScanAsync(r, ct), logger);
        MapHttpEnvelope(app, FunctionNames.ScanStatus, (r, _, ct) => functions.ScanStatusAsync(r, ct), logger);
        MapHttpEnvelope(app, FunctionNames.Findings, (r, _, ct) => functions.FindingsAsync(r, ct), logger);
        MapHttpEnvelope(app, FunctionNames.SuppressFinding, (r, actor, ct) => functions.SuppressFindingAsync(r, actor, ct), logger);
        MapHttpEnvelope(app, FunctionNames.Inventory, (r, _, ct) => functions.InventoryAsync(r, ct), logger);
        MapHttpEnvelope(app, FunctionNames.ExportEvidence, (r, actor, ct) => functions.ExportEvidenceAsync(r, actor, ct), logger);
        MapHttpEnvelope(app, FunctionNames.Report, (r, _, ct) => functions.ReportAsync(r, ct), logger);
        if (options.LocalMode)
        {
            LocalRoutes.Map(app, functions, options.ApiKey ?? throw new ArgumentException("Local mode needs an API key.", nameof(options)));
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        var server = new CustomHandlerServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        if (options.LocalMode)
        {
            if (worker is not null)
            {
                server._background.Add(Task.Run(() => worker.RunAsync(options.PollerParallelism, TimeSpan.FromSeconds(1), server._stopping.Token)));
            }

            if (options.Schedule is { } schedule)
            {
                server._background.Add(Task.Run(() => LocalTimer.RunAsync(schedule, functions, logger, server._stopping.Token)));
            }
        }

        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>A key for local mode.</summary>
    public static string NewApiKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Compares keys in constant time.</summary>
    internal static bool KeyMatches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    private static void MapEnvelope(WebApplication app, string name, Func<InvocationRequest, CancellationToken, Task<InvocationResponse>> handler, ILogger logger)
    {
        app.MapPost("/" + name, (Func<HttpContext, Task<IResult>>)(async context =>
        {
            InvocationRequest invocation;
            try
            {
                invocation = InvocationRequest.Parse(await ReadBodyAsync(context).ConfigureAwait(false));
                var response = await handler(invocation, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(response, Json);
            }
            catch (EnvelopeException ex)
            {
                EnvelopeRejected(logger, name, ex.Message);
                return Results.Problem(title: "Malformed invocation", detail: ex.Message, statusCode: 400);
            }
        }));
    }

    private static void MapHttpEnvelope(WebApplication app, string name, Func<FunctionHttpRequest, string, CancellationToken, Task<FunctionHttpResponse>> handler, ILogger logger)
    {
        app.MapPost("/" + name, (Func<HttpContext, Task<IResult>>)(async context =>
        {
            var response = new InvocationResponse();
            FunctionHttpResponse result;
            try
            {
                var invocation = InvocationRequest.Parse(await ReadBodyAsync(context).ConfigureAwait(false));
                var request = FunctionHttpRequest.FromEnvelope(invocation);
                result = await handler(request, ActorOf(invocation), context.RequestAborted).ConfigureAwait(false);
            }
            catch (EnvelopeException ex)
            {
                // The host only reads Outputs on a 2xx: a bad request is answered inside res, with the host call succeeding.
                EnvelopeRejected(logger, name, ex.Message);
                result = FunctionHttpResponse.Problem(400, "Malformed request", ex.Message);
            }

            response.Outputs["res"] = result.ToOutput();
            return Results.Json(response, Json);
        }));
    }

    private static string ActorOf(InvocationRequest invocation)
    {
        // The host forwards caller identities in Data.req.Identities; the function key's id is the best actor we have.
        if (invocation.Data.TryGetValue("req", out var req) && req.ValueKind == JsonValueKind.Object && req.TryGetProperty("Identities", out var identities) && identities.ValueKind == JsonValueKind.Array)
        {
            foreach (var identity in identities.EnumerateArray())
            {
                if (identity.TryGetProperty("Claims", out var claims) && claims.ValueKind == JsonValueKind.Array)
                {
                    foreach (var claim in claims.EnumerateArray())
                    {
                        var type = claim.TryGetProperty("Type", out var t) ? t.GetString() : null;
                        if (type is not null && (type.EndsWith("/claims/keyid", StringComparison.Ordinal) || type.EndsWith("/upn", StringComparison.Ordinal) || type == "name"))
                        {
                            return (type.EndsWith("/claims/keyid", StringComparison.Ordinal) ? "key:" : string.Empty) + claim.GetProperty("Value").GetString();
                        }
                    }
                }
            }
        }

        return "api";
    }

    internal static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Warning, Message = "Rejected a malformed invocation of {Function}: {Reason}")]
    private static partial void EnvelopeRejected(ILogger logger, string function, string reason);
}
