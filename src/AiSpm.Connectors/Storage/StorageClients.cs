using AiSpm.Connectors.Persistence;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace AiSpm.Connectors.Storage;

/// <summary>
/// The storage of one AiSpm installation: the SDK service clients (thread-safe, created once and shared), and the
/// names of its tables and queues under the installation's prefix.
/// </summary>
/// <param name="Tables">The Table service.</param>
/// <param name="Queues">The Queue service.</param>
/// <param name="UsesAccountKey">True when requests are signed with an account key (connection strings, Azurite).</param>
/// <param name="Prefix">The installation's table and queue name prefix.</param>
public sealed record StorageClients(TableServiceClient Tables, QueueServiceClient Queues, bool UsesAccountKey, string Prefix = "")
{
    /// <summary>AiSpm's table names.</summary>
    public AiSpmTables TableNames { get; } = new(Prefix);

    /// <summary>AiSpm's queue names.</summary>
    public AiSpmQueues QueueNames { get; } = new(Prefix);

    /// <summary>The table endpoint without credentials, for messages.</summary>
    public string Endpoint => Tables.Uri.GetLeftPart(UriPartial.Path);

    /// <summary>A client of one of AiSpm's tables.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>A client of one of AiSpm's queues.</summary>
    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Creates every table and queue of the installation that is missing; reports each as created or present.</summary>
    public async Task EnsureCreatedAsync(Action<string, string, bool>? report = null, CancellationToken cancellationToken = default)
    {
        foreach (var name in TableNames.All)
        {
            var created = await Tables.CreateTableIfNotExistsAsync(name, cancellationToken).ConfigureAwait(false);
            report?.Invoke("table", name, created.GetRawResponse().Status != 409);
        }

        foreach (var name in QueueNames.All)
        {
            var created = await Queue(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            // The Queue service answers 201 when it created the queue and 204 when it already existed.
            report?.Invoke("queue", name, created?.Status == 201);
        }
    }
}
