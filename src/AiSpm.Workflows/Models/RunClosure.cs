namespace AiSpm.Workflows.Models;

/// <summary>What closing a run needs: the run and how its shards went, coverage gaps with their reasons.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ShardsCompleted">Shards that ran to the end.</param>
/// <param name="ShardsIncomplete">Shards that ran but could not read everything.</param>
/// <param name="Gaps">Shards that kept failing, by index, with the last error.</param>
/// <param name="Tally">
/// The open and exempted findings every shard left in its scopes, added up, when every shard ran to the end and
/// tallied; null otherwise (the close then counts the findings table).
/// </param>
public sealed record RunClosure(string RunId, int ShardsCompleted, int ShardsIncomplete, IReadOnlyList<ShardGap> Gaps, Core.Findings.FindingTally? Tally = null);

/// <summary>A shard that kept failing: a coverage gap of its run.</summary>
/// <param name="Index">The shard's position in the plan.</param>
/// <param name="Error">The last error.</param>
public sealed record ShardGap(int Index, string Error);
