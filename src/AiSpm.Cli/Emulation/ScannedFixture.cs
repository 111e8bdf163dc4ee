using AiSpm.Cli.Engine;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using AiSpm.Application.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Emulation;

/// <summary>
/// A throw-away installation: a private Azurite and a fixture tenant in the emulator, with one full scan already
/// run on the local durable engine, Graph and Key Vault included (the same scan as <c>aispm demo</c>). Used by
/// <c>aispm export --fixture</c> and <c>aispm report --fixture</c>.
/// </summary>
public sealed class ScannedFixture : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly EmulatedTenant _tenant;

    private ScannedFixture(AzuriteProcess azurite, EmulatedTenant tenant, ServiceProvider services, string runId)
    {
        _azurite = azurite;
        _tenant = tenant;
        Services = services;
        RunId = runId;
    }

    /// <summary>The installation's services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The scan that was run.</summary>
    public string RunId { get; }

    /// <summary>Starts Azurite and the emulator on <paramref name="fixture"/> (a name under fixtures/ or a folder) and scans it.</summary>
    public static async Task<ScannedFixture> StartAsync(string fixture, CancellationToken cancellationToken = default)
    {
        var folder = FixtureLocator.Resolve(fixture);
        var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        EmulatedTenant? tenant = null;
        ServiceProvider? services = null;
        try
        {
            tenant = await EmulatedTenant.StartAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StorageOptions.SettingName] = azurite.ConnectionString,
                [AppSettingNames.SubscriptionsPerShard] = "1",
            }).Build();
            services = tenant.AddTo(new ServiceCollection().AddAiSpm(configuration)).BuildServiceProvider();
            await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var engine = await LocalScanEngine.StartAsync(services, cancellationToken: cancellationToken).ConfigureAwait(false);
            var run = await engine.RunFullScanAsync("cli", cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ScannedFixture(azurite, tenant, services, run.RunId);
        }
        catch
        {
            if (services is not null)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }

            if (tenant is not null)
            {
                await tenant.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        await _tenant.DisposeAsync().ConfigureAwait(false);
        await _azurite.DisposeAsync().ConfigureAwait(false);
    }
}
