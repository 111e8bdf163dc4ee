namespace AiSpm.Workflows.Models;

/// <summary>An owner's answer to a rotation card, raised to the instance as the <c>RotationDecision</c> event.</summary>
/// <param name="Approved">True to rotate, false to leave the key (the exposure stays open).</param>
/// <param name="Actor">Who answered, as the verified link or sign-in says.</param>
public sealed record RotationDecision(bool Approved, string Actor);
