using AiSpm.Workflows.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Starts the scan of a changed resource, or tells the running one: a change to a resource whose scan is running is
/// raised to that instance (which makes one more pass when its pass ends); otherwise a new instance starts under the
/// resource's instance id.
/// </summary>
public static class ResourceScanStarter
{
    /// <summary>What a start did.</summary>
    public enum Outcome
    {
        /// <summary>A new instance scans the resource.</summary>
        Started,

        /// <summary>The running instance was told; it scans again when its pass ends.</summary>
        Signalled,
    }

    /// <summary>Starts or signals; returns the instance id and what was done.</summary>
    public static async Task<(string InstanceId, Outcome Outcome)> StartOrSignalAsync(DurableTaskClient client, ResourceScanRequest request, ShardRetry? retry = null, TimeSpan? linger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var instanceId = ResourceScanOrchestration.InstanceIdFor(request.ResourceId);
        return await SingleInstance.ExclusiveAsync(instanceId, () => StartOrSignalCoreAsync(client, instanceId, request, retry, linger, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string InstanceId, Outcome Outcome)> StartOrSignalCoreAsync(DurableTaskClient client, string instanceId, ResourceScanRequest request, ShardRetry? retry, TimeSpan? linger, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (SingleInstance.IsActive(existing))
        {
            return await SignalAsync(client, instanceId, request, cancellationToken).ConfigureAwait(false);
        }

        if (existing is not null)
        {
            // A finished instance keeps its id until purged; its history is not needed once it completed.
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        if (await SingleInstance.TryScheduleAsync(client, ResourceScanOrchestration.Name, new ResourceScanState(request, Retry: retry, Linger: linger), instanceId, cancellationToken).ConfigureAwait(false))
        {
            return (instanceId, Outcome.Started);
        }

        // Another caller started it a moment ago: this change is one more pass for that instance.
        return await SignalAsync(client, instanceId, request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string InstanceId, Outcome Outcome)> SignalAsync(DurableTaskClient client, string instanceId, ResourceScanRequest request, CancellationToken cancellationToken)
    {
        await client.RaiseEventAsync(instanceId, ResourceScanOrchestration.ChangedEvent, request, cancellationToken).ConfigureAwait(false);
        return (instanceId, Outcome.Signalled);
    }
}
