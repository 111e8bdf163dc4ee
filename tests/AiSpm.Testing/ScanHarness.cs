using AiSpm.Connectors.Persistence;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Ports;
using AiSpm.Application.Configuration;
using AiSpm.Application.Events;
using AiSpm.Application.Functions;
using AiSpm.Application.Notifications;
using AiSpm.Application.Scanning;
using AiSpm.Cli.Emulation;
using AiSpm.Cli.Engine;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Testing;

/// <summary>
/// A private installation for one test, built by the app's own composition root (<c>AddAiSpm</c>): tables and queues
/// with a unique prefix on the shared Azurite, and the demo tenant (or another fixture folder) in an emulator.
/// Rotation is Off unless a test's settings turn it on.
/// </summary>
public sealed class ScanHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _prefix;
    private LocalScanEngine? _engine;

    private ScanHarness(EmulatedTenant tenant, ServiceProvider services, string prefix)
    {
        Tenant = tenant;
        _services = services;
        _prefix = prefix;
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

    public INotificationLedger Notifications => Get<INotificationLedger>();

    public ScanCoordinator Coordinator => Get<ScanCoordinator>();

    /// <summary>
    /// The installation's durable engine on Azurite (its own task hub), started on first use: shards retried twice 1 s
    /// apart, and a resource scan waits 200 ms for more changes before it ends.
    /// </summary>
    public async Task<LocalScanEngine> EngineAsync() => _engine ??= await LocalScanEngine.StartAsync(_services,
        new LocalEngineOptions { TaskHub = "hub" + _prefix, VisibilityTimeout = TimeSpan.FromSeconds(20) }, new AiSpm.Workflows.Models.ShardRetry(2, TimeSpan.FromSeconds(1)), TimeSpan.FromMilliseconds(200));

    /// <summary>Starts scans on this installation's durable engine.</summary>
    public async Task<IScanLauncher> LauncherAsync() => (await EngineAsync()).Launcher;

    /// <summary>Runs a full scan on the durable engine and returns its closed run.</summary>
    public async Task<AiSpm.Core.Scans.ScanRun> FullScanAsync(string trigger = "test") => await (await EngineAsync()).RunFullScanAsync(trigger);

    /// <summary>Re-scans one resource on the durable engine (as a change event does) and returns its closed run.</summary>
    public async Task<AiSpm.Core.Scans.ScanRun> ResourceScanAsync(string resourceId) => await (await EngineAsync()).RunResourceScanAsync(resourceId);

    /// <summary>Waits until no scan of this installation is pending or running.</summary>
    public async Task WaitIdleAsync() => await (await EngineAsync()).WaitIdleAsync();

    public static async Task<ScanHarness> StartAsync(AzuriteFixture azurite, int subscriptionsPerShard = 1, Func<EmulatedTenant, TeamsNotifierOptions>? teams = null,
        string? fixtureFolder = null, ILoggerFactory? loggers = null, Action<IServiceCollection>? configure = null, IReadOnlyDictionary<string, string?>? settings = null, string? rotationVault = null)
    {
        var tenant = await EmulatedTenant.StartAsync(fixtureFolder ?? FixtureLocator.Resolve("demo-tenant"));
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = azurite.ConnectionString,
            [$"{StorageOptions.SettingName}:tablePrefix"] = prefix,
            [AppSettingNames.SubscriptionsPerShard] = subscriptionsPerShard.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [AppSettingNames.RotationMode] = "Off",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = tenant.AddTo(new ServiceCollection().AddAiSpm(configuration), rotationVault);
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
        return new ScanHarness(tenant, provider, prefix);
    }

    /// <summary>The functions over this installation, with a change filter and (optionally) scheduled rotation of the test's own.</summary>
    public AiSpmFunctionApp FunctionApp(ResourceChangeFilter filter, AiSpm.Application.Remediation.ScheduledKeyRotation? scheduledRotation = null) => new(
        Findings, Assets, Runs, Suppressions, Audit, Get<AiSpm.Application.Exports.EvidenceExporter>(), filter,
        logger: Get<ILogger<AiSpmFunctionApp>>(), scheduledRotation: scheduledRotation, rules: Get<AiSpm.Core.Rules.RuleCatalog>());

    /// <summary>
    /// Everything the installation stored, as text: every value of every table row (AiSpm's tables and the durable task
    /// hub's history and instances, the shards' parts of the graph unzipped) and the messages waiting in its queues.
    /// </summary>
    public async Task<string> StoredTextAsync()
    {
        var stored = new System.Text.StringBuilder();
        var hub = "hub" + _prefix;
        foreach (var table in Tables.All.Concat(_engine is null ? [] : [hub + "History", hub + "Instances"]))
        {
            await foreach (var entity in Storage.Table(table).QueryAsync<TableEntity>())
            {
                foreach (var (_, value) in entity)
                {
                    stored.Append(value).Append('\n');
                }
            }
        }

        // The shards' parts of the graph are gzipped: their text as well.
        var parts = new AiSpm.Connectors.Persistence.TableShardGraphStore(Storage.Table(Tables.ShardGraphs));
        var heads = await Storage.Table(Tables.ShardGraphs).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"])
            .Where(row => !row.RowKey.Contains('.', StringComparison.Ordinal)).ToListAsync();
        foreach (var run in heads.GroupBy(row => row.PartitionKey))
        {
            foreach (var part in await parts.ReadAsync(run.Key, run.Count()) ?? [])
            {
                stored.AppendJoin('\n', part.Nodes).Append('\n').AppendJoin('\n', part.Edges).Append('\n');
            }
        }

        foreach (var queue in Storage.QueueNames.All.Concat(_engine is null ? [] : [hub.ToLowerInvariant() + "-control-00", hub.ToLowerInvariant() + "-workitems"]))
        {
            var client = Storage.Queue(queue);
            if (await client.ExistsAsync())
            {
                foreach (var message in (await client.PeekMessagesAsync(32)).Value)
                {
                    stored.Append(message.Body).Append('\n');
                }
            }
        }

        return stored.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        await _services.DisposeAsync();
        await Tenant.DisposeAsync();
    }

    private T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();
}
