using AiSpm.Functions.Notifications;
using AiSpm.Functions.Scanning;
using AiSpm.Testing;

namespace AiSpm.Functions.Tests.Scanning;

/// <summary>A private installation for one test: tables with a unique prefix on the shared Azurite, and the demo tenant (or another fixture folder) in an emulator.</summary>
internal sealed class ScanHarness : IAsyncDisposable
{
    private readonly AiSpm.Connectors.Storage.StorageAccount _storage;

    private ScanHarness(EmulatedTenant tenant, ScanRuntime runtime, AiSpm.Connectors.Storage.StorageAccount storage)
    {
        Tenant = tenant;
        Runtime = runtime;
        _storage = storage;
    }

    public EmulatedTenant Tenant { get; }

    public ScanRuntime Runtime { get; }

    public static async Task<ScanHarness> StartAsync(AzuriteFixture azurite, int subscriptionsPerShard = 1, Func<EmulatedTenant, TeamsNotifierOptions>? teams = null,
        string? fixtureFolder = null, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        var tenant = await EmulatedTenant.StartAsync(fixtureFolder ?? FixtureLocator.Resolve("demo-tenant"));
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var runtime = new ScanRuntime(azurite.Account, tenant.ConnectArm(), new ScanOptions { SubscriptionsPerShard = subscriptionsPerShard, MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.FromSeconds(20) }, prefix, loggers: loggers, teams: teams?.Invoke(tenant), graph: tenant.ConnectGraph(), vaults: tenant.VaultFor);
        await runtime.EnsureStorageAsync();
        return new ScanHarness(tenant, runtime, azurite.Account);
    }

    /// <summary>Everything the installation stored, as text: every value of every table row, and the shard queue's messages.</summary>
    public async Task<string> StoredTextAsync()
    {
        var stored = new System.Text.StringBuilder();
        foreach (var table in Runtime.Tables.All)
        {
            await foreach (var entity in new AiSpm.Connectors.Storage.Tables.TableClient(_storage, table).QueryAsync(new()))
            {
                foreach (var value in entity.Properties.Values)
                {
                    stored.Append(value).Append('\n');
                }
            }
        }

        foreach (var message in await Runtime.ShardQueue.PeekMessagesAsync(32))
        {
            stored.Append(message.Text).Append('\n');
        }

        return stored.ToString();
    }

    public ValueTask DisposeAsync() => Tenant.DisposeAsync();
}
