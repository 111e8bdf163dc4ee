namespace AiSpm.Workflows.Models;

/// <summary>What the approval card of a rotation shows and links to.</summary>
/// <param name="InstanceId">The rotation instance the Approve and Reject links answer.</param>
/// <param name="Rotation">The exposure.</param>
/// <param name="ExposedSlot">The slot holding the exposed value.</param>
/// <param name="PartnerSlot">The slot regenerated first.</param>
/// <param name="ExpiresAt">When the links stop working and the rotation is escalated.</param>
public sealed record ApprovalRequest(string InstanceId, ExposedKeyRotation Rotation, string ExposedSlot, string PartnerSlot, DateTimeOffset ExpiresAt);
