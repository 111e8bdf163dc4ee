using System.Net;
using System.Text.Json.Nodes;
using System.Security.Cryptography.X509Certificates;
using AiSpm.Emulator.Arm;
using AiSpm.Emulator.Faults;
using AiSpm.Emulator.Fixtures;
using AiSpm.Emulator.Graph;
using AiSpm.Emulator.Hosting;
using AiSpm.Emulator.KeyVault;
using AiSpm.Emulator.ResourceGraph;
using AiSpm.Emulator.Teams;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Emulator;

/// <summary>
/// The tenant emulator, in process: one HTTPS port on 127.0.0.1 serving ARM, Resource Graph, Microsoft Graph, Key Vault and a
/// Teams webhook sink from a fixture, with a certificate generated at start. Clients trust it through <see cref="CreateHandler"/>
/// and authenticate with <see cref="Credential"/>; see docs/emulator.md for routes and client set-up.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;

    private readonly IReadOnlyDictionary<string, Uri> _vaultUris;

    private EmulatorServer(WebApplication app, X509Certificate2 certificate, Uri baseUri, IReadOnlyDictionary<string, Uri> vaultUris, TenantFixture fixture,
        FaultInjector faults, RequestStats stats, TeamsWebhookSink teams, TimeProvider time)
    {
        _app = app;
        _certificate = certificate;
        _vaultUris = vaultUris;
        BaseUri = baseUri;
        Fixture = fixture;
        Faults = faults;
        Stats = stats;
        Teams = teams;
        Credential = new EmulatorCredential(time);
    }

    /// <summary>The base address, <c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The port actually listened on.</summary>
    public int Port => BaseUri.Port;

    /// <summary>The SHA-256 thumbprint (hex) of the server certificate; the only certificate <see cref="CreateHandler"/> trusts.</summary>
    public string CertificateThumbprint => EmulatorCertificate.ThumbprintOf(_certificate);

    /// <summary>A local credential handing out fake bearer tokens, accepted by the emulator.</summary>
    public TokenCredential Credential { get; }

    /// <summary>The loaded fixture.</summary>
    public TenantFixture Fixture { get; }

    /// <summary>The fault rules, replaceable at runtime.</summary>
    public FaultInjector Faults { get; }

    /// <summary>Per-route request counters (also at <c>GET /_emulator/stats</c>).</summary>
    public RequestStats Stats { get; }

    /// <summary>What was posted to the Teams webhook sink.</summary>
    public TeamsWebhookSink Teams { get; }

    /// <summary>The ARM endpoint (<see cref="BaseUri"/>): give it to <c>ArmEnvironment</c>.</summary>
    public Uri ArmEndpoint => BaseUri;

    /// <summary>The Microsoft Graph v1.0 base URL, <c>https://127.0.0.1:{port}/v1.0</c>.</summary>
    public Uri GraphV1Endpoint => new(BaseUri, "v1.0");

    /// <summary>The Microsoft Graph beta base URL.</summary>
    public Uri GraphBetaEndpoint => new(BaseUri, "beta");

    /// <summary>
    /// The vault URI to give SecretClient for the fixture vault <paramref name="vaultName"/>: <c>https://127.0.0.1:{vault port}/</c>.
    /// Each vault listens on a port of its own because SecretClient expects secrets at the root of the vault host.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The fixture has no such vault.</exception>
    public Uri VaultUri(string vaultName) => _vaultUris.TryGetValue(vaultName, out var uri)
        ? uri
        : throw new KeyNotFoundException($"The fixture has no vault '{vaultName}' (vaults: {string.Join(", ", _vaultUris.Keys)}).");

    /// <summary>Every fixture vault and its URI.</summary>
    public IReadOnlyDictionary<string, Uri> VaultUris => _vaultUris;

    /// <summary>The URL of a Teams webhook on the sink.</summary>
    public Uri TeamsWebhookUri(string hook) => new(BaseUri, $"teams/{Uri.EscapeDataString(hook)}");

    /// <summary>Starts the emulator: loads the fixture, creates the certificate and listens.</summary>
    /// <exception cref="FixtureException">The fixture is malformed; the message names the file and JSON path.</exception>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ArmPageSize, 1, nameof(options.ArmPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.GraphDefaultPageSize, 1, nameof(options.GraphDefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.GraphDefaultPageSize, 999, nameof(options.GraphDefaultPageSize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        var fixture = options.Fixture
            ?? (options.FixtureFolder is { } folder ? FixtureLoader.Load(folder) : TenantFixture.Empty);
        var time = options.TimeProvider;
        var certificate = EmulatorCertificate.Create(time.GetUtcNow());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Hosting.EmbeddedHostLifetime>();
        options.ConfigureLogging?.Invoke(builder.Logging);
        var vaultListeners = new Dictionary<string, ListenOptions>(StringComparer.OrdinalIgnoreCase);
        ListenOptions? mainListener = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.UseHttps(certificate);
                mainListener = listen;
            });

            // SecretClient parses secret ids as https://{host}/secrets/{name}/{version}, so each vault gets a port of its own.
            foreach (var vault in fixture.VaultSecrets.Keys)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.UseHttps(certificate);
                    vaultListeners[vault] = listen;
                });
            }
        });
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AiSpm.Emulator");

        var faults = new FaultInjector(options.Faults, options.Seed);
        var stats = new RequestStats();
        var teams = new TeamsWebhookSink();
        var armStore = new ArmResourceStore(fixture);
        var armKeys = new ArmKeyStore(fixture, options.Seed);
        var arm = new ArmRequestHandler(fixture, armStore, armKeys, options.ArmPageSize);
        var dataPlane = new DataPlane.AiServicesDataPlane(armStore, armKeys);
        var searchDataPlane = new DataPlane.SearchDataPlane(armStore, armKeys, fixture, stats);
        var powerPlatform = new DataPlane.PowerPlatformDataPlane(fixture, stats);
        var resourceGraph = new ResourceGraphRequestHandler(new ResourceGraphRows(armStore, fixture.TenantId, options.ResourceGraphChildTypes, fixture.ResourceGraphTables));
        var requestIds = new RequestIdSequence(options.Seed);
        var graph = new GraphRequestHandler(new GraphDirectory(fixture), new GraphResourceUnitBudget(options.Throttling, time),
            options.GraphDefaultPageSize, time, requestIds);
        var keyVault = new KeyVaultRequestHandler(fixture, options.Seed, time);
        EmulatorRequestPipeline? pipeline = null;
        var control = new EmulatorControlHandler(stats, faults, teams, () => new JsonObject
        {
            ["arm"] = pipeline!.BaseUri.AbsoluteUri,
            ["graphV1"] = new Uri(pipeline.BaseUri, "v1.0").AbsoluteUri,
            ["vaults"] = new JsonObject(keyVault.VaultUris.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value.AbsoluteUri))),
        });
        var handlers = new Dictionary<EmulatorService, Func<EmulatorRequest, EmulatorResponse>>
        {
            [EmulatorService.Arm] = arm.Handle,
            [EmulatorService.KeyVault] = keyVault.Handle,
            [EmulatorService.Graph] = graph.Handle,
            [EmulatorService.ResourceGraph] = resourceGraph.Handle,
            [EmulatorService.Control] = control.Handle,
            [EmulatorService.Teams] = teams.Handle,
        };
        pipeline = new EmulatorRequestPipeline(handlers, faults, stats, new ArmThrottle(options.Throttling, time),
            new ResourceGraphQuota(options.Throttling, time), requestIds, fixture.TenantId, time, logger);
        app.Run(async context =>
        {
            if (!await dataPlane.TryHandleAsync(context) && !await searchDataPlane.TryHandleAsync(context) && !await powerPlatform.TryHandleAsync(context))
            {
                await pipeline.HandleAsync(context);
            }
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }

        // Kestrel writes the bound port back into each listener's endpoint (port 0 becomes the port it got).
        var baseUri = new Uri($"https://127.0.0.1:{mainListener!.IPEndPoint!.Port}/");
        pipeline.BaseUri = baseUri;
        var vaultUris = vaultListeners.ToDictionary(v => v.Key, v => new Uri($"https://127.0.0.1:{v.Value.IPEndPoint!.Port}/"), StringComparer.OrdinalIgnoreCase);
        keyVault.VaultUris = vaultUris;
        pipeline.VaultsByPort = vaultUris.ToDictionary(v => v.Value.Port, v => v.Key);
        EmulatorLog.Started(logger, baseUri, EmulatorCertificate.ThumbprintOf(certificate));
        return new EmulatorServer(app, certificate, baseUri, vaultUris, fixture, faults, stats, teams, time);
    }

    /// <summary>A new handler that trusts exactly this emulator's certificate (by SHA-256 thumbprint) and nothing else.</summary>
    public HttpClientHandler CreateHandler() => PinnedCertificateHandler.Create(CertificateThumbprint);

    /// <summary>
    /// A new handler like <see cref="CreateHandler"/> that also routes the cloud data-plane hosts the emulator serves
    /// (AI Search: <c>https://{service}.search.windows.net</c>) to it, so clients address them as in Azure.
    /// </summary>
    public HttpMessageHandler CreateRoutingHandler() => new DataPlaneRoutingHandler(BaseUri, CreateHandler());

    /// <summary>Stops listening and releases the certificate.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}
