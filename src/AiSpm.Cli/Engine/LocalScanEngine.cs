using AiSpm.Application.Activities;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Application.Scanning;
using AiSpm.Connectors.Storage;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Workflows.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Cli.Engine;

/// <summary>
/// AiSpm's orchestrations on the local durable engine: FullScan, ResourceScan and RotateExposedKey with the
/// installation's activities (resolved from its composition root), and a scan launcher over the engine's client.
/// </summary>
public sealed class LocalScanEngine : IAsyncDisposable
{
    private readonly LocalDurableEngine _engine;
    private readonly IScanRunStore _runs;

    private LocalScanEngine(LocalDurableEngine engine, IScanRunStore runs, DurableScanLauncher launcher)
    {
        _engine = engine;
        _runs = runs;
        Launcher = launcher;
    }

    /// <summary>Starts scans on this engine.</summary>
    public DurableScanLauncher Launcher { get; }

    /// <summary>The engine's client.</summary>
    public DurableTaskClient Client => _engine.Client;

    /// <summary>Starts the engine for the installation <paramref name="services"/> was built for (its storage and activities).</summary>
    public static async Task<LocalScanEngine> StartAsync(IServiceProvider services, LocalEngineOptions? options = null, ShardRetry? retry = null, TimeSpan? linger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var plan = services.GetRequiredService<PlanFullScanActivity>();
        var planResource = services.GetRequiredService<PlanResourceScanActivity>();
        var shard = services.GetRequiredService<ScanShardActivity>();
        var close = services.GetRequiredService<CloseScanRunActivity>();
        var notify = services.GetRequiredService<NotifyRunActivity>();
        LocalDurableEngine? started = null;
        var engine = await LocalDurableEngine.StartAsync(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value, options ?? new LocalEngineOptions(),
            registry =>
            {
                registry.AddAiSpmScan(plan, planResource, shard, close, notify);
                // Activities run only after the engine has started, so its client is there when StartRotations asks.
                registry.AddAiSpmRotation(services, () => started?.Client ?? throw new InvalidOperationException("The durable engine has not started."));
            },
            services.GetService<ILoggerFactory>(), cancellationToken).ConfigureAwait(false);
        started = engine;
        return new LocalScanEngine(engine, services.GetRequiredService<IScanRunStore>(), new DurableScanLauncher(engine.Client, retry, linger));
    }

    /// <summary>Runs a new full scan to its end (reporting progress as shards finish) and returns its closed run.</summary>
    public async Task<ScanRun> RunFullScanAsync(string trigger, Action<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var start = await Launcher.StartFullScanAsync(new FullScanRequest(trigger, DateTimeOffset.UtcNow, Key: Guid.NewGuid().ToString("N")), cancellationToken).ConfigureAwait(false);
        return await WaitForRunAsync(start.Id, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the scan orchestration <paramref name="instanceId"/> to end and returns its run.</summary>
    public async Task<ScanRun> WaitForRunAsync(string instanceId, Action<ScanProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var reported = -1;
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var status = instance?.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<ScanProgress>() : null;
            if (status is not null && status.ShardsDone != reported)
            {
                reported = status.ShardsDone;
                progress?.Invoke(status);
            }

            if (instance is { IsCompleted: true })
            {
                if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                {
                    throw new InvalidOperationException($"Scan {instanceId} ended {instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
                }

                var runId = status?.RunId ?? throw new InvalidOperationException($"Scan {instanceId} completed without a run.");
                return await _runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Scan {instanceId}'s run {runId} is not stored.");
            }

            await Task.Delay(150, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Re-scans one resource as a change event would, and waits for that scan's run.</summary>
    public async Task<ScanRun> RunResourceScanAsync(string resourceId, string trigger = "event", CancellationToken cancellationToken = default)
    {
        var start = await Launcher.StartResourceScanAsync(resourceId, trigger, eventId: null, cancellationToken).ConfigureAwait(false);
        return await WaitForRunAsync(start.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until no scan is pending or running (event re-scans included).</summary>
    public Task WaitIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _engine.WaitIdleAsync(timeout ?? TimeSpan.FromMinutes(2), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
