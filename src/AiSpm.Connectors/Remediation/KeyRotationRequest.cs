namespace AiSpm.Connectors.Remediation;

/// <summary>An exposed account key to rotate, as a finding of a credential rule attributed it.</summary>
/// <param name="Fingerprint">The exposed key's fingerprint.</param>
/// <param name="AccountId">The AI Services / Azure OpenAI account or the AI Search service the key belongs to.</param>
/// <param name="RuleId">The rule that found it.</param>
/// <param name="FindingId">The finding, for the audit trail.</param>
public sealed record KeyRotationRequest(string Fingerprint, string AccountId, string RuleId, string FindingId);
