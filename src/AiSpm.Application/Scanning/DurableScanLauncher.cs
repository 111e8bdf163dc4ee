using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;

namespace AiSpm.Application.Scanning;

/// <summary>Starts the durable scan orchestrations (<c>FullScan</c>, <c>ResourceScan</c>) through a Durable Task client.</summary>
public sealed class DurableScanLauncher(DurableTaskClient client, ShardRetry? retry = null, TimeSpan? linger = null) : IScanLauncher
{
    /// <inheritdoc />
    public Task<ScanStart> StartFullScanAsync(string trigger, DateTimeOffset requestedAt, CancellationToken cancellationToken = default) =>
        StartFullScanAsync(new FullScanRequest(trigger, requestedAt, retry), cancellationToken);

    /// <summary>Starts a full scan as <paramref name="request"/> says (its key decides what counts as the same scan).</summary>
    public async Task<ScanStart> StartFullScanAsync(FullScanRequest request, CancellationToken cancellationToken = default)
    {
        var (instanceId, started) = await FullScanStarter.StartAsync(client, request, cancellationToken).ConfigureAwait(false);
        return new ScanStart(instanceId, started, started ? $"Started full scan {instanceId}." : $"Full scan {instanceId} already started for this tick.");
    }

    /// <inheritdoc />
    public async Task<ScanStart> StartResourceScanAsync(string resourceId, string trigger, string? eventId, CancellationToken cancellationToken = default)
    {
        var (instanceId, outcome) = await ResourceScanStarter.StartOrSignalAsync(client, new ResourceScanRequest(resourceId, trigger, eventId), retry, linger, cancellationToken).ConfigureAwait(false);
        return outcome == ResourceScanStarter.Outcome.Started
            ? new ScanStart(instanceId, true, $"re-scan {instanceId} of {resourceId}")
            : new ScanStart(instanceId, false, $"re-scan {instanceId} of {resourceId} is running; it scans again when its pass ends");
    }

    /// <inheritdoc />
    public async Task<ScanState?> DescribeAsync(string id, CancellationToken cancellationToken = default)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var progress = instance.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<ScanProgress>() : null;
        return new ScanState(id, instance.RuntimeStatus.ToString(), progress?.RunId, progress?.ShardsDone ?? 0, progress?.ShardsTotal ?? 0);
    }
}
