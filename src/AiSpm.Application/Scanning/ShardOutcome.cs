using AiSpm.Core.Findings;
using AiSpm.Core.Scans;

namespace AiSpm.Application.Scanning;

/// <summary>What processing one shard did.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Recorded">How recording its findings changed the store.</param>
/// <param name="Resolved">Findings resolved because the shard did not see them again.</param>
/// <param name="Failed">True when the shard could not collect its scope (nothing was resolved for it).</param>
/// <param name="Completion">The run's fan-in state after the shard.</param>
/// <param name="ClosedRun">The run, when this shard closed it.</param>
public sealed record ShardOutcome(ScanShard Shard, FindingUpsertSummary Recorded, int Resolved, bool Failed, ShardCompletion Completion, ScanRun? ClosedRun);
