namespace AiSpm.Workflows.Models;

/// <summary>One step on one key slot of an account.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Slot">The slot.</param>
/// <param name="Fingerprint">The exposure this step belongs to (idempotency and audit).</param>
public sealed record KeySlotAction(string AccountId, string Slot, string Fingerprint);
