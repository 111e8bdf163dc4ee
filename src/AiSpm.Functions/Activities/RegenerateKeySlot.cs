using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The RegenerateKeySlot activity: regenerates one key slot through ARM; audited.</summary>
public sealed class RegenerateKeySlot(RegenerateKeySlotActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.RegenerateKeySlot)]
    public Task RunAsync([ActivityTrigger] KeySlotAction input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
