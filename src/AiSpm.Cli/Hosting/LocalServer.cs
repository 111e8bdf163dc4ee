using System.Net;
using System.Security.Cryptography;
using System.Text;
using AiSpm.Application.Functions;
using AiSpm.Application.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiSpm.Cli.Hosting;

/// <summary>
/// <c>aispm serve</c>: the app without the Functions host, on loopback. It serves the HTTP API under <c>/api</c> and
/// an Event Grid webhook with the validation handshake (both behind the key on every route), and runs the schedule
/// and the scan engine in this process, calling the same handlers as the Functions app.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];

    private LocalServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>Where the server listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts the server, the timer (when scheduled) and the background work the engine needs.</summary>
    public static async Task<LocalServer> StartAsync(ServerOptions options, AiSpmFunctionApp functions, IScanLauncher launcher, IEnumerable<Func<CancellationToken, Task>>? background = null, ILoggerFactory? loggers = null,
        LocalRotations? rotations = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(launcher);
        var apiKey = options.ApiKey is { Length: >= 16 } key ? key : throw new ArgumentException("The local server needs an API key of at least 16 characters.", nameof(options));
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
        LocalRoutes.Map(app, functions, launcher, apiKey);
        if (rotations is not null)
        {
            LocalRoutes.MapRotations(app, rotations, apiKey);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Urls.First();
        var server = new LocalServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        if (rotations is not null)
        {
            rotations.Options.LinkBase ??= server.BaseUri;
        }
        foreach (var work in background ?? [])
        {
            server._background.Add(Task.Run(() => work(server._stopping.Token)));
        }

        if (options.Schedule is { } schedule)
        {
            server._background.Add(Task.Run(() => LocalTimer.RunAsync(schedule, functions, launcher, logger, server._stopping.Token)));
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

    /// <summary>A key for the local server.</summary>
    public static string NewApiKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Compares keys in constant time.</summary>
    internal static bool KeyMatches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    internal static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
