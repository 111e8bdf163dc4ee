using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The RecordRotation activity: audits how the rotation ended.</summary>
public sealed class RecordRotation(RecordRotationActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.RecordRotation)]
    public Task RunAsync([ActivityTrigger] RotationResult input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
