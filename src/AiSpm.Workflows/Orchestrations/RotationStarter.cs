using AiSpm.Workflows.Models;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Starts the rotation of an exposure, or joins the one running for it: a second detection of the same exposure (the
/// next scan, a change event) never rotates twice. A finished instance is purged and started again only when the
/// exposure is detected again after it ended (for example after a rejection, or a new paste of the same value).
/// </summary>
public static class RotationStarter
{
    /// <summary>Starts or joins; returns the instance id and whether this call started it.</summary>
    public static async Task<(string InstanceId, bool Started)> StartAsync(DurableTaskClient client, ExposedKeyRotation rotation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rotation);
        var instanceId = RotateExposedKeyOrchestration.InstanceIdFor(rotation.Fingerprint, rotation.AccountId);
        return await SingleInstance.ExclusiveAsync(instanceId, () => StartCoreAsync(client, instanceId, rotation, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(string InstanceId, bool Started)> StartCoreAsync(DurableTaskClient client, string instanceId, ExposedKeyRotation rotation, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (SingleInstance.IsActive(existing))
        {
            return (instanceId, false);
        }

        if (existing is not null)
        {
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        return (instanceId, await SingleInstance.TryScheduleAsync(client, RotateExposedKeyOrchestration.Name, rotation, instanceId, cancellationToken).ConfigureAwait(false));
    }
}
