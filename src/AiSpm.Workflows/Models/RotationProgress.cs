namespace AiSpm.Workflows.Models;

/// <summary>The custom status of a rotation instance: its step and flow, for <c>GET /api/rotations</c>.</summary>
/// <param name="Step">checking, awaiting-approval, rotating-partner, waiting-for-consumers, rotating-exposed, verifying, done.</param>
/// <param name="Flow">The rotation's flow.</param>
/// <param name="Outcome">Set when done.</param>
public sealed record RotationProgress(string Step, RotationFlow Flow, RotationOutcome? Outcome = null);
