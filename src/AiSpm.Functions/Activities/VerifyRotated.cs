using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The VerifyRotated activity: true when the exposed value is no longer a key of the account.</summary>
public sealed class VerifyRotated(VerifyRotatedActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.VerifyRotated)]
    public Task<bool> RunAsync([ActivityTrigger] ExposedKeyRotation input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
