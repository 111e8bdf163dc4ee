namespace AiSpm.Workflows.Models;

/// <summary>The end of a rotation instance, recorded and audited.</summary>
/// <param name="Rotation">What was rotated.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">One line for the audit trail and the card.</param>
/// <param name="Actor">Who decided (approval flow), else the installation.</param>
public sealed record RotationResult(ExposedKeyRotation Rotation, RotationOutcome Outcome, string Detail, string Actor = "aispm");
