using AiSpm.Core.Ports;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The <c>RecordRotation</c> activity: appends how the rotation ended, and who decided, to the audit chain.</summary>
public sealed class RecordRotationActivity(IAuditLog audit)
{
    /// <summary>Runs the activity.</summary>
    public Task RunAsync(RotationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var action = "rotation." + result.Outcome switch
        {
            RotationOutcome.Completed => "completed",
            RotationOutcome.NoLongerExposed => "not-needed",
            RotationOutcome.Planned => "planned",
            RotationOutcome.Rejected => "rejected",
            RotationOutcome.Escalated => "escalated",
            _ => "verification-failed",
        };
        return RotationAudit.AppendAsync(audit, result.Actor, action, result.Rotation.AccountId, result.Rotation.Fingerprint,
            new { result.Rotation.FindingId, result.Rotation.RuleId, flow = result.Rotation.Flow.ToString(), result.Detail }, cancellationToken);
    }
}
