namespace AiSpm.Workflows.Models;

/// <summary>The custom status of a rotation instance, for <c>GET /api/rotations</c> and <c>aispm rotations</c>.</summary>
/// <param name="Step">checking, awaiting-approval, rotating-partner, waiting-for-consumers, rotating-exposed, verifying, done.</param>
/// <param name="Flow">The flow in effect (the account's tag can make it stricter than the installation's mode).</param>
/// <param name="Since">When the instance entered the step (orchestration time).</param>
/// <param name="Outcome">Set when done.</param>
/// <param name="Until">Set while waiting: when the wait ends (consumer wait, or the approval deadline).</param>
public sealed record RotationProgress(string Step, RotationFlow Flow, DateTimeOffset Since, RotationOutcome? Outcome = null, DateTimeOffset? Until = null);
