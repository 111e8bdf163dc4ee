using AiSpm.Application.Notifications;
using AiSpm.Connectors.Teams;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>The <c>EscalateApproval</c> activity: posts the escalation card when nobody answered in time (the outcome is audited by <c>RecordRotation</c>).</summary>
public sealed class EscalateApprovalActivity(TeamsWebhookClient? teams)
{
    /// <summary>Runs the activity.</summary>
    public Task RunAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return teams is null ? Task.CompletedTask : teams.PostAsync(TeamsCards.RotationEscalation(request).ToJsonString(), cancellationToken);
    }
}
