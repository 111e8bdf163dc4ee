using AiSpm.Connectors.Persistence;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Ports;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Notifications;
using AiSpm.Application.Scanning;
using AiSpm.Cli.Emulation;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Testing;

/// <summary>
/// A private installation for one test, built by the app's own composition root (<c>AddAiSpm</c>): tables and queues
/// with a unique prefix on the shared Azurite, and the demo tenant (or another fixture folder) in an emulator.
/// Rotation is Off unless a test wires a listener itself.
/// </summary>
public sealed class ScanHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ScanHarness(EmulatedTenant tenant, ServiceProvider services)
    {
        Tenant = tenant;
        _services = services;
        Storage = services.GetRequiredService<StorageClients>();
    }

    public EmulatedTenant Tenant { get; }

    public IServiceProvider Services => _services;

    public StorageClients Storage { get; }

    public AiSpmTables Tables => Storage.TableNames;

    public ScanOptions Options => Get<ScanOptions>();

    public TableFindingStore Findings => Get<TableFindingStore>();

    public IAssetStore Assets => Get<IAssetStore>();

    public IScanRunStore Runs => Get<IScanRunStore>();

    public ISuppressionStore Suppressions => Get<ISuppressionStore>();

    public IAuditLog Audit => Get<IAuditLog>();

    public IRotationStore Rotations => Get<IRotationStore>();

    public INotificationLedger Notifications => Get<INotificationLedger>();

    public QueueClient ShardQueue => Storage.Queue(Storage.QueueNames.ScanShards);

    public QueueClient PoisonQueue => Storage.Queue(Storage.QueueNames.ScanShardsPoison);

    public ScanCoordinator Coordinator => Get<ScanCoordinator>();

    public ShardQueueWorker Worker => Get<ShardQueueWorker>();

    /// <summary>Starts scans on this installation's engine.</summary>
    public IScanLauncher Launcher => Get<QueuedScanLauncher>();

    public static async Task<ScanHarness> StartAsync(AzuriteFixture azurite, int subscriptionsPerShard = 1, Func<EmulatedTenant, TeamsNotifierOptions>? teams = null,
        string? fixtureFolder = null, ILoggerFactory? loggers = null, Action<IServiceCollection>? configure = null)
    {
        var tenant = await EmulatedTenant.StartAsync(fixtureFolder ?? FixtureLocator.Resolve("demo-tenant"));
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = azurite.ConnectionString,
            [$"{StorageOptions.SettingName}:tablePrefix"] = prefix,
            [AppSettingNames.SubscriptionsPerShard] = subscriptionsPerShard.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [AppSettingNames.RotationMode] = "Off",
        }).Build();
        var services = tenant.AddTo(new ServiceCollection().AddAiSpm(configuration));
        services.PostConfigure<ScanOptions>(o =>
        {
            o.MaxDequeueCount = 3;
            o.VisibilityTimeout = TimeSpan.FromSeconds(20);
        });
        if (teams is not null)
        {
            services.AddSingleton(teams(tenant));
        }

        if (loggers is not null)
        {
            services.AddSingleton(loggers);
        }

        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync();
        return new ScanHarness(tenant, provider);
    }

    /// <summary>The functions over this installation, with a change filter and (optionally) scheduled rotation of the test's own.</summary>
    public AiSpmFunctionApp FunctionApp(ResourceChangeFilter filter, AiSpm.Application.Remediation.ScheduledKeyRotation? scheduledRotation = null) => new(
        Findings, Assets, Runs, Suppressions, Audit, Get<AiSpm.Application.Exports.EvidenceExporter>(), filter,
        logger: Get<ILogger<AiSpmFunctionApp>>(), scheduledRotation: scheduledRotation);

    /// <summary>Everything the installation stored, as text: every value of every table row, and the shard queue's messages.</summary>
    public async Task<string> StoredTextAsync()
    {
        var stored = new System.Text.StringBuilder();
        foreach (var table in Tables.All)
        {
            await foreach (var entity in Storage.Table(table).QueryAsync<TableEntity>())
            {
                foreach (var (_, value) in entity)
                {
                    stored.Append(value).Append('\n');
                }
            }
        }

        foreach (var message in (await ShardQueue.PeekMessagesAsync(32)).Value)
        {
            stored.Append(message.Body).Append('\n');
        }

        return stored.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Tenant.DisposeAsync();
    }

    private T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();
}
