using AiSpm.Core.Scans;

namespace AiSpm.Workflows.Models;

/// <summary>The run a plan created and its shards: ids and subscription lists only, never inventories.</summary>
/// <param name="RunId">The scan run row the plan recorded.</param>
/// <param name="Shards">The fan-out.</param>
public sealed record ScanPlan(string RunId, IReadOnlyList<ScanShard> Shards);
