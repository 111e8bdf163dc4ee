using AiSpm.Application.Remediation.Rotation;
using AiSpm.Workflows;
using AiSpm.Workflows.Models;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Activities;

/// <summary>The EscalateApproval activity: posts the escalation card when nobody answered in time.</summary>
public sealed class EscalateApproval(EscalateApprovalActivity activity)
{
    /// <summary>Runs the activity.</summary>
    [Function(RotationActivityNames.EscalateApproval)]
    public Task RunAsync([ActivityTrigger] ApprovalRequest input, CancellationToken cancellationToken) => activity.RunAsync(input, cancellationToken);
}
