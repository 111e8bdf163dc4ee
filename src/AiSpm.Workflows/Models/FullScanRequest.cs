namespace AiSpm.Workflows.Models;

/// <summary>What starts a full scan: who started it and the schedule tick (or request time) it belongs to.</summary>
/// <param name="Trigger">timer, http, cli, demo, …</param>
/// <param name="RequestedAt">The tick of the schedule, or when an HTTP start was asked for.</param>
/// <param name="Retry">How shards are retried; null for <see cref="Orchestrations.FullScanOrchestration.DefaultRetry"/>.</param>
/// <param name="Key">
/// What makes two starts the same scan: null for the minute of <paramref name="RequestedAt"/> (schedule ticks, HTTP
/// starts); a caller that means every start as a new scan (the CLI, the demo) gives a key of its own.
/// </param>
/// <param name="Plan">
/// Set by the orchestration for its plan step: the same plan key for every attempt of that step, so a plan that runs
/// twice (activities run at least once) records one run, not two.
/// </param>
public sealed record FullScanRequest(string Trigger, DateTimeOffset RequestedAt, ShardRetry? Retry = null, string? Key = null, PlanKey? Plan = null);
