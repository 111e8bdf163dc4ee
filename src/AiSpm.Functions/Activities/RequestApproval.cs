using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The RequestApproval activity: posts the approval card with its signed Approve and Reject links.</summary>
public sealed class RequestApproval(RequestApprovalActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.RequestApproval)]
    public Task RunAsync([ActivityTrigger] ApprovalRequest input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
