namespace AiSpm.Workflows.Models;

/// <summary>The input of a <c>RotateExposedKey</c> instance: one exposed key of one account.</summary>
/// <param name="Fingerprint">The exposed value's fingerprint (never the value).</param>
/// <param name="AccountId">The AI Services / Azure OpenAI account or AI Search service the key belongs to.</param>
/// <param name="RuleId">The rule that found the exposure.</param>
/// <param name="FindingId">The finding, for the audit trail and the card.</param>
/// <param name="Flow">Dry run, approval or automatic.</param>
/// <param name="ConsumerWait">How long consumers get to pick up the new key before the exposed slot is regenerated.</param>
/// <param name="ApprovalTimeout">How long an approval may take before the rotation is escalated.</param>
public sealed record ExposedKeyRotation(string Fingerprint, string AccountId, string RuleId, string FindingId, RotationFlow Flow, TimeSpan ConsumerWait, TimeSpan ApprovalTimeout);
