using AiSpm.Connectors.Storage.Local;

namespace AiSpm.Functions.Scanning;

/// <summary>
/// A throw-away installation: a private Azurite and a fixture tenant in the emulator, with one full scan already
/// run through the shard queue, Graph and Key Vault included (the same scan as <c>aispm demo</c>). Used by
/// <c>aispm export --fixture</c> and <c>aispm report --fixture</c>.
/// </summary>
public sealed class ScannedFixture : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly EmulatedTenant _tenant;

    private ScannedFixture(AzuriteProcess azurite, EmulatedTenant tenant, ScanRuntime runtime, string runId)
    {
        _azurite = azurite;
        _tenant = tenant;
        Runtime = runtime;
        RunId = runId;
    }

    /// <summary>The installation.</summary>
    public ScanRuntime Runtime { get; }

    /// <summary>The scan that was run.</summary>
    public string RunId { get; }

    /// <summary>Starts Azurite and the emulator on <paramref name="fixture"/> (a name under fixtures/ or a folder) and scans it.</summary>
    public static async Task<ScannedFixture> StartAsync(string fixture, CancellationToken cancellationToken = default)
    {
        var folder = FixtureLocator.Resolve(fixture);
        var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        EmulatedTenant? tenant = null;
        try
        {
            tenant = await EmulatedTenant.StartAsync(folder, cancellationToken: cancellationToken).ConfigureAwait(false);
            var runtime = new ScanRuntime(azurite.Account, tenant.ConnectArm(), new ScanOptions { SubscriptionsPerShard = 1 }, graph: tenant.ConnectGraph(), vaults: tenant.VaultFor);
            await runtime.EnsureStorageAsync(cancellationToken).ConfigureAwait(false);
            var run = await runtime.Coordinator.StartFullScanAsync("cli", cancellationToken).ConfigureAwait(false);
            await runtime.Worker.DrainAsync(2, cancellationToken).ConfigureAwait(false);
            return new ScannedFixture(azurite, tenant, runtime, run.RunId);
        }
        catch
        {
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
        await _tenant.DisposeAsync().ConfigureAwait(false);
        await _azurite.DisposeAsync().ConfigureAwait(false);
    }
}
