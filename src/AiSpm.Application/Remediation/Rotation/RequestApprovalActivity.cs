using AiSpm.Application.Notifications;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Ports;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>RequestApproval</c> activity: posts the approval card with signed Approve and Reject links to Teams and audits
/// the request. Running it twice posts the card twice (harmless: the instance takes one decision).
/// </summary>
public sealed class RequestApprovalActivity(TeamsWebhookClient? teams, ApprovalLinks links, IAuditLog audit)
{
    /// <summary>Runs the activity.</summary>
    public async Task RunAsync(ApprovalRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = teams ?? throw new InvalidOperationException("The approval flow posts its cards to Teams: set AISPM_TEAMS_WEBHOOK_URL.");
        var (approve, reject) = links.For(request.InstanceId, request.ExpiresAt);
        await channel.PostAsync(TeamsCards.RotationApproval(request, approve, reject).ToJsonString(), cancellationToken).ConfigureAwait(false);
        await RotationAudit.AppendAsync(audit, "aispm", "rotation.approval-requested", request.Rotation.AccountId, request.Rotation.Fingerprint,
            new { instance = request.InstanceId, slot = request.ExposedSlot, expiresAt = request.ExpiresAt }, cancellationToken).ConfigureAwait(false);
    }
}
