namespace AiSpm.Workflows.Models;

/// <summary>The last pass of a resource scan orchestration.</summary>
/// <param name="RunId">The run of the last pass.</param>
/// <param name="Passes">Passes this instance made: 1, plus one for the events that arrived while it ran (coalesced).</param>
/// <param name="Shard">What the last pass's shard did.</param>
public sealed record ResourceScanResult(string RunId, int Passes, ShardResult Shard);
