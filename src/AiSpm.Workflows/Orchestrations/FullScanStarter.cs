using AiSpm.Workflows.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Starts a full scan once per trigger and tick: the timer, the HTTP start and the CLI all start scans through here.
/// A second start for the same tick finds the instance (running or done) and starts nothing. Two starts racing at the
/// same instant are left to the backend, which refuses a second instance with a running id.
/// </summary>
public static class FullScanStarter
{
    /// <summary>Starts the scan unless its instance exists; returns the instance id and whether this call started it.</summary>
    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, FullScanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instanceId = FullScanOrchestration.InstanceIdFor(request);
        return await SingleInstance.ExclusiveAsync(instanceId, async () =>
        {
            if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (instanceId, false);
            }

            return (instanceId, await SingleInstance.TryScheduleAsync(client, FullScanOrchestration.Name, request, instanceId, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }
}
