namespace AiSpm.Workflows.Models;

/// <summary>What the account's keys are now, compared by fingerprint, and whether the rotation policy lets AiSpm act on it.</summary>
/// <param name="StillExposed">True when the exposed value is still one of the account's keys.</param>
/// <param name="ExposedSlot">The slot holding the exposed value (key1, key2, primary, secondary).</param>
/// <param name="PartnerSlot">The other slot, regenerated first so consumers move to a never-exposed key.</param>
/// <param name="Detail">One line for the audit trail.</param>
/// <param name="Refusal">Why the policy forbids rotating this account (allow-lists, the opt-out tag), or null.</param>
/// <param name="Ceiling">The strictest flow the account's <c>aispm-rotation</c> tag asks for (it can only make the flow stricter), or null.</param>
public sealed record ExposureCheck(bool StillExposed, string? ExposedSlot, string? PartnerSlot, string Detail, string? Refusal = null, RotationFlow? Ceiling = null);
