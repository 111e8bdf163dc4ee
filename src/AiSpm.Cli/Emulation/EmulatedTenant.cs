using AiSpm.Application.Configuration;
using AiSpm.Connectors.Arm;
using AiSpm.Emulator;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Emulation;

/// <summary>A fixture tenant served in-process by the tenant emulator, with clients that trust exactly its certificate.</summary>
public sealed class EmulatedTenant : IAsyncDisposable
{
    private EmulatedTenant(EmulatorServer server, string fixtureFolder)
    {
        Server = server;
        FixtureFolder = fixtureFolder;
    }

    /// <summary>The fixture folder served.</summary>
    public string FixtureFolder { get; }

    /// <summary>The running emulator.</summary>
    public EmulatorServer Server { get; }

    /// <summary>Starts the emulator on a fixture folder.</summary>
    /// <param name="fixtureFolder">The fixture to serve.</param>
    /// <param name="latency">Added to every request, to behave like a slow tenant (local experiments, crash tests).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<EmulatedTenant> StartAsync(string fixtureFolder, TimeSpan latency = default, CancellationToken cancellationToken = default)
    {
        var options = new EmulatorOptions { FixtureFolder = fixtureFolder };
        if (latency > TimeSpan.Zero)
        {
            options.Faults.Add(new Emulator.Faults.FaultRule { Kind = Emulator.Faults.FaultKind.Latency, LatencyMilliseconds = (int)latency.TotalMilliseconds });
        }

        var server = await EmulatorServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return new EmulatedTenant(server, fixtureFolder);
    }

    /// <summary>A Resource Manager connection to the emulator, each attempt bounded by <paramref name="timeout"/> (null: the SDK's default).</summary>
    public ArmConnection ConnectArm(CloudApiTimeout? timeout = null)
    {
        var options = new ArmPipelineOptions(timeout?.PerAttempt) { Transport = new HttpClientTransport(Server.CreateRoutingHandler()) };
        return new ArmConnection(Server.Credential, Server.ArmEndpoint, options: options);
    }

    /// <summary>A Key Vault client to one of the emulated vaults, each attempt bounded by <paramref name="timeout"/> (null: the SDK's default).</summary>
    public Azure.Security.KeyVault.Secrets.SecretClient ConnectVault(string vaultName, CloudApiTimeout? timeout = null)
    {
        var options = new Azure.Security.KeyVault.Secrets.SecretClientOptions
        {
            Transport = new HttpClientTransport(Server.CreateHandler()),
            DisableChallengeResourceVerification = true, // the emulated vault's host is 127.0.0.1, not *.vault.azure.net
        };
        if (timeout is not null)
        {
            options.Retry.NetworkTimeout = timeout.PerAttempt;
        }

        return new(Server.VaultUri(vaultName), Server.Credential, options);
    }

    /// <summary>Key Vault clients for the vaults the tenant's ARM objects name (by vault name), or null for a vault not emulated.</summary>
    public Azure.Security.KeyVault.Secrets.SecretClient? VaultFor(Uri vaultUri, string vaultName) =>
        Server.VaultUris.ContainsKey(vaultName) ? ConnectVault(vaultName) : null;

    /// <summary>A Microsoft Graph client (v1.0) to the emulator, each call bounded by <paramref name="timeout"/> (null: HttpClient's default).</summary>
    public Microsoft.Graph.GraphServiceClient ConnectGraph(CloudApiTimeout? timeout = null) =>
        AiSpm.Connectors.Graph.GraphClients.Create(Server.Credential, Server.GraphV1Endpoint, Server.CreateHandler(), ["127.0.0.1"], timeout?.GraphCall);

    /// <summary>A Microsoft Graph client to the emulator signed in as <paramref name="userPrincipalName"/> (a delegated token, as <c>aispm collect copilot-admin</c> uses).</summary>
    public Microsoft.Graph.GraphServiceClient ConnectGraphAs(string userPrincipalName) =>
        AiSpm.Connectors.Graph.GraphClients.Create(Emulator.Hosting.EmulatorCredential.ForUser(userPrincipalName), Server.GraphV1Endpoint, Server.CreateHandler(), ["127.0.0.1"]);

    /// <summary>
    /// Serves the fixture's blobs (<c>blob/{account}/{container}/…</c>) from <paramref name="azurite"/>'s Blob service,
    /// started with <see cref="Emulator.Storage.BlobFixtureSeeder.AccountsOf"/>, and points the data sampler at it (call
    /// after <c>AddAiSpm</c> with <c>AISPM_DATA_SAMPLING=On</c>). Returns how many blobs were uploaded.
    /// </summary>
    public async Task<int> AddBlobsAsync(IServiceCollection services, Emulator.Storage.AzuriteProcess azurite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var seeded = await Emulator.Storage.BlobFixtureSeeder.SeedAsync(azurite, FixtureFolder, cancellationToken).ConfigureAwait(false);
        services.AddSingleton(sp => new Connectors.Collection.BlobAccountClients(account =>
            Emulator.Storage.BlobFixtureSeeder.ClientFor(azurite, account, Connectors.Collection.BlobAccountClients.CountedOptions(sp.GetRequiredService<ArmConnection>()))));
        return seeded;
    }

    /// <summary>
    /// Points an installation's cloud clients at this tenant: Resource Manager, Graph, Key Vault (rotation writes to the
    /// vault named <paramref name="rotationVault"/>, else the first emulated vault). Call after <c>AddAiSpm</c>; the last registration wins.
    /// </summary>
    public IServiceCollection AddTo(IServiceCollection services, string? rotationVault = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => ConnectArm(sp.GetService<CloudApiTimeout>()));
        services.AddSingleton(sp => ConnectGraph(sp.GetService<CloudApiTimeout>()));
        services.AddSingleton(sp =>
        {
            var timeout = sp.GetService<CloudApiTimeout>();
            var rotation = rotationVault ?? Server.VaultUris.Keys.FirstOrDefault();
            return new KeyVaultAccess((_, name) => Server.VaultUris.ContainsKey(name) ? ConnectVault(name, timeout) : null, rotation is null ? null : ConnectVault(rotation, timeout));
        });
        return services;
    }

    /// <summary>Teams settings that post to this tenant's webhook sink under <paramref name="hook"/>.</summary>
    public AiSpm.Application.Notifications.TeamsNotifierOptions TeamsSink(string hook, int maxAlertsPerRun = 25) => new()
    {
        WebhookUri = Server.TeamsWebhookUri(hook),
        Pipeline = new AiSpm.Connectors.Teams.TeamsWebhookOptions { Transport = new HttpClientTransport(Server.CreateHandler()) },
        MaxAlertsPerRun = maxAlertsPerRun,
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
