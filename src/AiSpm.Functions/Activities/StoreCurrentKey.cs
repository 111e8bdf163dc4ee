using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The StoreCurrentKey activity: stores the slot's key as the current version of the vault secret consumers read.</summary>
public sealed class StoreCurrentKey(StoreCurrentKeyActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.StoreCurrentKey)]
    public Task<string> RunAsync([ActivityTrigger] KeySlotAction input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
