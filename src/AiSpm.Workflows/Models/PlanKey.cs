namespace AiSpm.Workflows.Models;

/// <summary>
/// What makes every attempt of one orchestration's plan step the same plan: the instance, its pass, and the
/// orchestration's own (replay-safe) clock when the step was first scheduled.
/// </summary>
/// <param name="Value">Instance id and pass, e.g. <c>fullscan-timer-20261203T0600Z#1</c>.</param>
/// <param name="At">The orchestration time of the step; the run is dated by it.</param>
public sealed record PlanKey(string Value, DateTimeOffset At);
