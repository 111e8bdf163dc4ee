using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Xunit;

namespace AiSpm.Testing;

/// <summary>
/// The one way tests reach storage: a real Azurite, started once per test assembly on free loopback ports
/// (or, when <c>AISPM_TEST_STORAGE</c> holds a connection string, that account instead). Tests isolate
/// themselves with <see cref="UniqueName"/> tables and queues, so test classes can run in parallel.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteProcess? s_shared;
    private static int s_counter;

    /// <summary>The storage under test, through the same factory (retries, timeouts, message encoding) the app uses.</summary>
    public StorageClients Storage { get; private set; } = null!;

    /// <summary>Its connection string (the well-known development account on Azurite).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The Azurite process, or null when an external account is used.</summary>
    public AzuriteProcess? Process => s_shared;

    /// <summary>A table or queue name no other test uses: letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix)
    {
        var n = Interlocked.Increment(ref s_counter);
        return $"{prefix}{Environment.ProcessId % 10000}x{n}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 62)].ToLowerInvariant();
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("AISPM_TEST_STORAGE");
        if (!string.IsNullOrEmpty(external))
        {
            ConnectionString = external;
            Storage = StorageClientFactory.Create(new StorageOptions { ConnectionString = external });
            return;
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (s_shared is null)
            {
                s_shared = await AzuriteProcess.StartAsync().ConfigureAwait(false);
                var process = s_shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => process.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            Gate.Release();
        }

        ConnectionString = s_shared.ConnectionString;
        Storage = StorageClientFactory.Create(new StorageOptions { ConnectionString = ConnectionString });
    }

    /// <summary>A new, empty table with a name no other test uses.</summary>
    public async Task<TableClient> NewTableAsync(string prefix)
    {
        var table = Storage.Table(UniqueName(prefix));
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    }

    /// <summary>A client of a queue no other test uses (not created).</summary>
    public QueueClient NewQueue(string prefix) => Storage.Queue(UniqueName(prefix));

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
