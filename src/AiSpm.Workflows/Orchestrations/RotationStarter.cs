using AiSpm.Workflows.Models;
using Microsoft.DurableTask.Client;

namespace AiSpm.Workflows.Orchestrations;

/// <summary>
/// Starts the rotation of an exposure, joins the one running for it, or leaves it: a second detection of the same
/// exposure (the next scan, a change event) never rotates twice, and an account never has two rotations at once (the
/// second exposure waits for a later scan). A finished instance starts again only when its end does not stand: nobody
/// answered the approval, the instance failed before the fresh partner key was stored, the key still verified after
/// regeneration, or the mode changed since a dry run or a refusal. Rotated, not-a-key-any-more, rejected and
/// operator-terminated exposures, and rotations that failed after storing the partner key, are left alone.
/// </summary>
public static class RotationStarter
{
    /// <summary>Starts, joins or leaves; returns the exposure's instance id and what was done.</summary>
    public static async Task<(string InstanceId, RotationStart Start)> StartAsync(DurableTaskClient client, ExposedKeyRotation rotation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(rotation);
        var instanceId = RotateExposedKeyOrchestration.InstanceIdFor(rotation.Fingerprint, rotation.AccountId);
        var accountPrefix = RotateExposedKeyOrchestration.AccountPrefix(rotation.AccountId);
        return await SingleInstance.ExclusiveAsync(accountPrefix, () => StartCoreAsync(client, instanceId, accountPrefix, rotation, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when an ended instance's outcome stands for a new detection that asks for <paramref name="requested"/>.</summary>
    public static bool Stands(OrchestrationMetadata ended, RotationFlow requested)
    {
        ArgumentNullException.ThrowIfNull(ended);
        if (ended.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            return true;
        }

        if (ended.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
        {
            // Failed once the fresh partner key was stored: starting over would regenerate that key under the consumers
            // that picked it up. It stands for an operator (its step and error are listed); earlier failures start over.
            return ended.SerializedCustomStatus is { Length: > 0 } && ended.ReadCustomStatusAs<RotationProgress>()?.Step is "waiting-for-consumers" or "rotating-exposed" or "verifying";
        }

        if (ended.RuntimeStatus != OrchestrationRuntimeStatus.Completed || ended.ReadOutputAs<RotationResult>() is not { } result)
        {
            return false;
        }

        return result.Outcome switch
        {
            RotationOutcome.Completed or RotationOutcome.NoLongerExposed or RotationOutcome.Rejected => true,
            RotationOutcome.Planned or RotationOutcome.NotAllowed => ended.ReadInputAs<ExposedKeyRotation>()?.Flow == requested,
            _ => false,
        };
    }

    private static async Task<(string InstanceId, RotationStart Start)> StartCoreAsync(DurableTaskClient client, string instanceId, string accountPrefix, ExposedKeyRotation rotation, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (SingleInstance.IsActive(existing))
        {
            return (instanceId, RotationStart.Joined);
        }

        if (existing is not null && Stands(existing, rotation.Flow))
        {
            return (instanceId, RotationStart.Ended);
        }

        var active = new OrchestrationQuery { InstanceIdPrefix = accountPrefix, Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended] };
        await foreach (var other in client.GetAllInstancesAsync(active).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (other.InstanceId != instanceId)
            {
                return (instanceId, RotationStart.AccountBusy);
            }
        }

        if (existing is not null)
        {
            await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken).ConfigureAwait(false);
        }

        return (instanceId, await SingleInstance.TryScheduleAsync(client, RotateExposedKeyOrchestration.Name, rotation, instanceId, cancellationToken).ConfigureAwait(false)
            ? RotationStart.Started
            : RotationStart.Joined);
    }
}
