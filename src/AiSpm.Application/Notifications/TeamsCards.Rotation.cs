using System.Globalization;
using System.Text.Json.Nodes;
using AiSpm.Application.Outputs;
using AiSpm.Workflows.Models;

namespace AiSpm.Application.Notifications;

/// <summary>The cards of a key rotation: the approval request, its escalation, and the outcome. They hold no key, only slots and the fingerprint.</summary>
public static partial class TeamsCards
{
    /// <summary>
    /// Asks an owner to approve the rotation of an exposed key. Approve and Reject open a confirmation page (so a link
    /// preview never decides); the links carry a signed token bound to the instance and action, valid until the deadline.
    /// </summary>
    public static JsonObject RotationApproval(ApprovalRequest request, Uri approve, Uri reject)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(approve);
        ArgumentNullException.ThrowIfNull(reject);
        var rotation = request.Rotation;
        var body = new JsonArray
        {
            Text("AiSpm remediation: approval needed", size: "Small", subtle: true),
            Text($"Rotate the exposed {request.ExposedSlot} of {ResourceIdParts.NameOf(rotation.AccountId)}?", size: "Medium", weight: "Bolder", color: "Attention"),
            Text($"A live key of this account was found where it should not be ({rotation.RuleId}). On approval AiSpm regenerates {request.PartnerSlot}, " +
                 $"stores it in Key Vault as the current version, waits {Duration(rotation.ConsumerWait)} for consumers to pick it up, then regenerates {request.ExposedSlot} so the exposed value stops working."),
            Facts(
                ("Account", ResourceIdParts.NameOf(rotation.AccountId)),
                ("Resource id", rotation.AccountId),
                ("Exposed slot", request.ExposedSlot),
                ("Regenerated first", request.PartnerSlot),
                ("Finding id", rotation.FindingId),
                ("Key fingerprint", rotation.Fingerprint),
                ("Answer by", Time(request.ExpiresAt))),
        };
        return Envelope(Card(body, OpenUrl("Approve", approve), OpenUrl("Reject", reject)));
    }

    /// <summary>Nobody answered an approval card in time: the key is unchanged and the exposure stays open.</summary>
    public static JsonObject RotationEscalation(ApprovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rotation = request.Rotation;
        var body = new JsonArray
        {
            Text("AiSpm remediation: escalation", size: "Small", subtle: true),
            Text($"Nobody approved rotating the exposed {request.ExposedSlot} of {ResourceIdParts.NameOf(rotation.AccountId)}", size: "Medium", weight: "Bolder", color: "Attention"),
            Text($"The approval links expired at {Time(request.ExpiresAt)}. The key still works and the exposure stays open; the next scan asks again. Rotate by hand, or approve the next card."),
            Facts(
                ("Account", ResourceIdParts.NameOf(rotation.AccountId)),
                ("Resource id", rotation.AccountId),
                ("Exposed slot", request.ExposedSlot),
                ("Finding id", rotation.FindingId),
                ("Key fingerprint", rotation.Fingerprint)),
        };
        return Envelope(Card(body));
    }

    /// <summary>How a rotation ended, posted as a follow-up to its approval card (or alone in the automatic flow).</summary>
    public static JsonObject RotationOutcome(RotationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rotation = result.Rotation;
        var (heading, color) = result.Outcome switch
        {
            Workflows.Models.RotationOutcome.Completed => ("Exposed AI key rotated", "Good"),
            Workflows.Models.RotationOutcome.Rejected => ("Key rotation rejected", "Warning"),
            Workflows.Models.RotationOutcome.VerificationFailed => ("Key rotation needs attention", "Attention"),
            Workflows.Models.RotationOutcome.NotAllowed => ("Key rotation not allowed by policy", "Warning"),
            Workflows.Models.RotationOutcome.NoLongerExposed => ("Key rotation not needed", "Default"),
            _ => ($"Key rotation: {result.Outcome}", "Default"),
        };
        var body = new JsonArray
        {
            Text("AiSpm remediation", size: "Small", subtle: true),
            Text(heading, size: "Medium", weight: "Bolder", color: color),
            Text(result.Detail),
            Facts(
                ("Account", ResourceIdParts.NameOf(rotation.AccountId)),
                ("Resource id", rotation.AccountId),
                ("Outcome", result.Outcome.ToString()),
                ("Flow", rotation.Flow.ToString()),
                ("Decided by", result.Actor),
                ("Finding id", rotation.FindingId),
                ("Key fingerprint", rotation.Fingerprint)),
        };
        return Envelope(Card(body));
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1 && span.Minutes == 0 && span.Seconds == 0
        ? $"{(int)span.TotalHours} h"
        : span.ToString("c", CultureInfo.InvariantCulture);
}
