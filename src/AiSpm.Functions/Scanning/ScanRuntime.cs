using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Persistence;
using AiSpm.Connectors.Storage;
using AiSpm.Connectors.Storage.Queues;
using AiSpm.Connectors.Storage.Tables;
using AiSpm.Connectors.Teams;
using AiSpm.Functions.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Functions.Scanning;

/// <summary>
/// The composition of one AiSpm installation: its tables, queues and stores on a storage account, and the scan
/// coordinator and shard worker over a Resource Manager connection. The server, the CLI and the tests build it the
/// same way.
/// </summary>
public sealed class ScanRuntime
{
    /// <summary>Wires everything for a storage account and an ARM connection; <paramref name="teams"/> turns on Teams notifications, <paramref name="graph"/> the directory shard.</summary>
    public ScanRuntime(StorageAccount storage, ArmConnection arm, ScanOptions? options = null, string tablePrefix = "", ILoggerFactory? loggers = null, IEnumerable<IRunCompletedListener>? listeners = null, TimeProvider? time = null, TeamsNotifierOptions? teams = null, Microsoft.Graph.GraphServiceClient? graph = null, Func<Uri, string, Azure.Security.KeyVault.Secrets.SecretClient?>? vaults = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        Options = options ?? new ScanOptions();
        Options.FingerprintKey ??= System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("aispm-fingerprint-v1"),
            System.Text.Encoding.UTF8.GetBytes($"{storage.TableEndpoint.GetLeftPart(UriPartial.Path).ToLowerInvariant()}|{tablePrefix}"));
        Tables = new AiSpmTables(tablePrefix);
        Queues = new AiSpmQueues(tablePrefix);
        var storageLogger = loggers.CreateLogger("AiSpm.Storage");
        FindingsTable = new TableClient(storage, Tables.Findings, logger: storageLogger);
        Findings = new TableFindingStore(FindingsTable);
        Assets = new TableAssetStore(new TableClient(storage, Tables.Assets, logger: storageLogger));
        Runs = new TableScanRunStore(new TableClient(storage, Tables.ScanRuns, logger: storageLogger));
        Suppressions = new TableSuppressionStore(new TableClient(storage, Tables.Suppressions, logger: storageLogger));
        Audit = new TableAuditLog(new TableClient(storage, Tables.Audit, logger: storageLogger), time);
        Rotations = new TableRotationStore(new TableClient(storage, Tables.Rotations, logger: storageLogger));
        ShardQueue = new QueueClient(storage, Queues.ScanShards, logger: storageLogger);
        PoisonQueue = new QueueClient(storage, Queues.ScanShardsPoison, logger: storageLogger);
        Notifications = new TableNotificationLedger(new TableClient(storage, Tables.Notifications, logger: storageLogger));
        var all = listeners?.ToList() ?? [];
        if (teams is not null)
        {
            // Teams notifications run when a run closes; they log their failures and never fail the scan.
            var poster = new TeamsWebhookClient(teams.WebhookUri, teams.Pipeline, loggers.CreateLogger("AiSpm.Teams"));
            all.Add(new TeamsNotifier(Findings, Suppressions, Notifications, poster, teams, loggers.CreateLogger<TeamsNotifier>(), time));
        }

        Coordinator = new ScanCoordinator(arm, Findings, Assets, Runs, ShardQueue, Options, all, time: time, graph: graph, vaults: vaults);
        Worker = new ShardQueueWorker(Coordinator, ShardQueue, new PoisonQueue(ShardQueue, PoisonQueue, storageLogger), Options, loggers.CreateLogger<ShardQueueWorker>());
        Coordinator.ShardsQueued += Worker.Wake;
        _storage = storage;
    }

    private readonly StorageAccount _storage;

    /// <summary>Scan options.</summary>
    public ScanOptions Options { get; }

    /// <summary>Table names.</summary>
    public AiSpmTables Tables { get; }

    /// <summary>Queue names.</summary>
    public AiSpmQueues Queues { get; }

    /// <summary>The Findings table (for exports and tests).</summary>
    public TableClient FindingsTable { get; }

    /// <summary>Findings.</summary>
    public TableFindingStore Findings { get; }

    /// <summary>Inventory.</summary>
    public TableAssetStore Assets { get; }

    /// <summary>Scan runs.</summary>
    public TableScanRunStore Runs { get; }

    /// <summary>Suppressions.</summary>
    public TableSuppressionStore Suppressions { get; }

    /// <summary>Audit log.</summary>
    public TableAuditLog Audit { get; }

    /// <summary>Key rotation progress.</summary>
    public TableRotationStore Rotations { get; }

    /// <summary>What notifications were sent.</summary>
    public TableNotificationLedger Notifications { get; }

    /// <summary>The shard queue.</summary>
    public QueueClient ShardQueue { get; }

    /// <summary>Its poison queue.</summary>
    public QueueClient PoisonQueue { get; }

    /// <summary>The scan coordinator.</summary>
    public ScanCoordinator Coordinator { get; }

    /// <summary>The local shard worker.</summary>
    public ShardQueueWorker Worker { get; }

    /// <summary>Creates every table and queue that is missing.</summary>
    public async Task EnsureStorageAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Tables.All)
        {
            await new TableClient(_storage, table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }

        await ShardQueue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }
}
