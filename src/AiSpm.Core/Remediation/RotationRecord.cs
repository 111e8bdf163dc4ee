namespace AiSpm.Core.Remediation;

/// <summary>The state of the rotation of one exposure, keyed by the exposed key's fingerprint (one rotation per exposure).</summary>
/// <param name="Fingerprint">The exposed key's fingerprint.</param>
/// <param name="AccountId">The account the key belongs to.</param>
/// <param name="ExposedSlot">Key1 or Key2 (AI Services accounts), Primary or Secondary (Search admin keys).</param>
/// <param name="Stage">How far it has got.</param>
/// <param name="UpdatedAt">When it last moved.</param>
/// <param name="Version">The store's concurrency token.</param>
public sealed record RotationRecord(string Fingerprint, string AccountId, string ExposedSlot, RotationStage Stage, DateTimeOffset UpdatedAt, string? Version = null);
