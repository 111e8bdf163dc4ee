namespace AiSpm.Workflows.Models;

/// <summary>What the account's keys are now, compared by fingerprint.</summary>
/// <param name="StillExposed">True when the exposed value is still one of the account's keys.</param>
/// <param name="ExposedSlot">The slot holding the exposed value (key1, key2, primary, secondary).</param>
/// <param name="PartnerSlot">The other slot, regenerated first so consumers move to a never-exposed key.</param>
/// <param name="Detail">One line for the audit trail.</param>
public sealed record ExposureCheck(bool StillExposed, string? ExposedSlot, string? PartnerSlot, string Detail);
