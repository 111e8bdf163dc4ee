using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The CheckExposure activity: finds the exposed value among the account's keys by fingerprint.</summary>
public sealed class CheckExposure(CheckExposureActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.CheckExposure)]
    public Task<ExposureCheck> RunAsync([ActivityTrigger] ExposedKeyRotation input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
