using AiSpm.Core.Findings;

namespace AiSpm.Application.Scanning;

/// <summary>What scanning one shard recorded.</summary>
/// <param name="Recorded">Findings created, updated, reopened or unchanged.</param>
/// <param name="Resolved">Findings resolved because the shard's scope no longer shows them.</param>
/// <param name="Failed">True when the collection was partial: nothing was resolved, a coverage note was recorded.</param>
/// <param name="Assets">Assets recorded.</param>
public sealed record ShardScan(FindingUpsertSummary Recorded, int Resolved, bool Failed, int Assets);
