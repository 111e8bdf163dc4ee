using AiSpm.Core.Ports;

namespace AiSpm.Application.Scanning;

/// <summary>Starts scans as the queue fan-out (the local server's engine until it runs the durable orchestrations); the id is the run id.</summary>
public sealed class QueuedScanLauncher(ScanCoordinator coordinator, IScanRunStore runs) : IScanLauncher
{
    /// <inheritdoc />
    public async Task<ScanStart> StartFullScanAsync(string trigger, DateTimeOffset requestedAt, CancellationToken cancellationToken = default)
    {
        var run = await coordinator.StartFullScanAsync(trigger, cancellationToken).ConfigureAwait(false);
        return new ScanStart(run.RunId, true, $"Started scan {run.RunId} with {run.ShardsPlanned} shards.");
    }

    /// <inheritdoc />
    public async Task<ScanStart> StartResourceScanAsync(string resourceId, string trigger, string? eventId, CancellationToken cancellationToken = default)
    {
        var run = await coordinator.StartResourceScanAsync(trigger, resourceId, cancellationToken).ConfigureAwait(false);
        return new ScanStart(run.RunId, true, $"re-scan {run.RunId} of {resourceId}");
    }

    /// <inheritdoc />
    public async Task<ScanState?> DescribeAsync(string id, CancellationToken cancellationToken = default)
    {
        var run = await runs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return run is null ? null : new ScanState(id, run.Status.ToString(), run.RunId, run.ShardsCompleted + run.ShardsFailed, run.ShardsPlanned);
    }
}
