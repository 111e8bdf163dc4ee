using AiSpm.Application.Notifications;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Ports;
using AiSpm.Workflows.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>RecordRotation</c> activity: appends how the rotation ended, and who decided, to the audit chain, and posts the
/// outcome card when a key was rotated, a rotation failed its verification, or an owner answered an approval card.
/// A card that cannot be posted is logged, never retried with the step (which would audit twice).
/// </summary>
public sealed partial class RecordRotationActivity(IAuditLog audit, TeamsWebhookClient? teams = null, ILogger<RecordRotationActivity>? logger = null)
{
    /// <summary>Runs the activity.</summary>
    public async Task RunAsync(RotationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var action = "rotation." + result.Outcome switch
        {
            RotationOutcome.Completed => "completed",
            RotationOutcome.NoLongerExposed => "not-needed",
            RotationOutcome.Planned => "planned",
            RotationOutcome.Rejected => "rejected",
            RotationOutcome.Escalated => "escalated",
            RotationOutcome.NotAllowed => "skipped",
            _ => "verification-failed",
        };
        await RotationAudit.AppendAsync(audit, result.Actor, action, result.Rotation.AccountId, result.Rotation.Fingerprint,
            new { result.Rotation.FindingId, result.Rotation.RuleId, flow = result.Rotation.Flow.ToString(), result.Detail }, cancellationToken).ConfigureAwait(false);
        var announce = result.Outcome is RotationOutcome.Completed or RotationOutcome.VerificationFailed or RotationOutcome.Rejected
            || (result.Rotation.Flow == RotationFlow.Approval && result.Outcome is not RotationOutcome.Escalated and not RotationOutcome.Planned);
        if (teams is not null && announce)
        {
            try
            {
                await teams.PostAsync(TeamsCards.RotationOutcome(result).ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                CardFailed((ILogger?)logger ?? NullLogger.Instance, result.Rotation.AccountId, result.Outcome.ToString(), ex);
            }
        }
    }

    [LoggerMessage(EventId = 3411, Level = LogLevel.Warning, Message = "The Teams card of the rotation of {Account} ({Outcome}) could not be posted; the outcome is in the audit log")]
    private static partial void CardFailed(ILogger logger, string account, string outcome, Exception exception);
}
