using System.Net;
using System.Net.Sockets;
using AiSpm.Connectors.Storage;
using Azure.Identity;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Cli.Engine;

/// <summary>
/// The durable engine without the Functions host, for <c>aispm serve</c>, <c>aispm demo</c> and the tests: the Durable
/// Task SDK's worker and client talk gRPC to a sidecar on loopback, which runs the orchestrations on the Durable Azure
/// Storage backend (<c>AzureStorageOrchestrationService</c>, the backend the Durable Functions extension uses in Azure)
/// over AiSpm's storage account or Azurite. The sidecar class comes from a preview test package: development only.
/// </summary>
public sealed class LocalDurableEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;

    private LocalDurableEngine(WebApplication sidecar, IHost worker, GrpcChannel channel, DurableTaskClient client, string taskHub)
    {
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        Client = client;
        TaskHub = taskHub;
    }

    /// <summary>The client: start, query, signal and purge orchestrations.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The task hub the engine runs.</summary>
    public string TaskHub { get; }

    /// <summary>Creates the task hub if missing, starts the sidecar and the worker with the tasks <paramref name="registry"/> adds.</summary>
    public static async Task<LocalDurableEngine> StartAsync(StorageOptions storage, LocalEngineOptions options, Action<DurableTaskRegistry> registry, ILoggerFactory? loggers = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        loggers ??= NullLoggerFactory.Instance;
        var named = LocalEngineOptions.DefaultTaskHub + storage.TablePrefix;
        var taskHub = options.TaskHub ?? (named.Length > 45 ? named[..45] : named);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = ClientProvider(storage),
            TaskHubName = taskHub,
            PartitionCount = options.PartitionCount,
            MaxConcurrentTaskActivityWorkItems = options.ActivityConcurrency,
            MaxConcurrentTaskOrchestrationWorkItems = options.OrchestrationConcurrency,
            ControlQueueVisibilityTimeout = options.VisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.VisibilityTimeout,
            MaxQueuePollingInterval = options.MaxPollingInterval,
            LoggerFactory = loggers,
        });
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);

        var port = FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, Emulator.Hosting.EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddGrpc();
        var (dispatched, gate) = OrchestrationServiceStartGate.Wrap(service);
        builder.Services.AddSingleton(dispatched);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken).ConfigureAwait(false);

        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var worker = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddSingleton(loggers);
                services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
                services.AddSingleton<IHostLifetime, Emulator.Hosting.EmbeddedHostLifetime>();
                services.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(registry);
                    b.Configure(o =>
                    {
                        o.Concurrency.MaximumConcurrentActivityWorkItems = options.ActivityConcurrency;
                        o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.OrchestrationConcurrency;
                    });
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.RegisterDirectly();
                });
            })
            .Build();
        await worker.StartAsync(cancellationToken).ConfigureAwait(false);
        // The sidecar starts its dispatchers once the worker's work-item stream is connected; until then nothing runs.
        await gate.Started.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return new LocalDurableEngine(sidecar, worker, channel, worker.Services.GetRequiredService<DurableTaskClient>(), taskHub);
    }

    /// <summary>Waits until no orchestration of the hub is pending or running (for callers that must see a quiet installation).</summary>
    public async Task WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running] };
        while (true)
        {
            var busy = false;
            await foreach (var _ in Client.GetAllInstancesAsync(query).WithCancellation(deadline.Token).ConfigureAwait(false))
            {
                busy = true;
                break;
            }

            if (!busy)
            {
                return;
            }

            await Task.Delay(200, deadline.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _worker.StopAsync(stop.Token).ConfigureAwait(false);
        _worker.Dispose();
        await _channel.ShutdownAsync().ConfigureAwait(false);
        _channel.Dispose();
        await _sidecar.StopAsync(stop.Token).ConfigureAwait(false);
        await _sidecar.DisposeAsync().ConfigureAwait(false);
    }

    private static StorageAccountClientProvider ClientProvider(StorageOptions storage) =>
        !storage.IsIdentityBased
            ? new StorageAccountClientProvider(storage.ConnectionString!)
            : new StorageAccountClientProvider(
                storage.AccountName ?? throw new StorageConfigurationException($"{StorageOptions.SettingName}__accountName", $"{StorageOptions.SettingName}__accountName: the local engine needs the account name with identity-based storage."),
                string.IsNullOrWhiteSpace(storage.ClientId) ? new DefaultAzureCredential() : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ClientId)));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
