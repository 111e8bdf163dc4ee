namespace AiSpm.Workflows.Models;

/// <summary>What closing a run needs: the run and how its shards went, coverage gaps with their reasons.</summary>
/// <param name="RunId">The run.</param>
/// <param name="ShardsCompleted">Shards that ran to the end.</param>
/// <param name="ShardsIncomplete">Shards that ran but could not read everything.</param>
/// <param name="Gaps">Shards that kept failing, by index, with the last error.</param>
public sealed record RunClosure(string RunId, int ShardsCompleted, int ShardsIncomplete, IReadOnlyList<ShardGap> Gaps);

/// <summary>A shard that kept failing: a coverage gap of its run.</summary>
/// <param name="Index">The shard's position in the plan.</param>
/// <param name="Error">The last error.</param>
public sealed record ShardGap(int Index, string Error);
