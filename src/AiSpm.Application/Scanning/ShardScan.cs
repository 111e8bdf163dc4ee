using AiSpm.Core.Findings;

namespace AiSpm.Application.Scanning;

/// <summary>What scanning one shard recorded.</summary>
/// <param name="Recorded">Findings created, updated, reopened or unchanged.</param>
/// <param name="Resolved">Findings resolved because the shard's scope no longer shows them.</param>
/// <param name="Failed">True when the collection was partial: nothing was resolved, a coverage note was recorded.</param>
/// <param name="Assets">Assets recorded.</param>
/// <param name="Tally">
/// The open and exempted findings (attack paths apart) of the shard's scopes as it left them, when it looked at them
/// whole; null otherwise (its run's summary then counts the findings table).
/// </param>
public sealed record ShardScan(FindingUpsertSummary Recorded, int Resolved, bool Failed, int Assets, FindingTally? Tally = null);
