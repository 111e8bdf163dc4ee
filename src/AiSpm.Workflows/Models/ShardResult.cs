namespace AiSpm.Workflows.Models;

/// <summary>What one shard did: counts only, so the orchestration history stays small.</summary>
/// <param name="Index">The shard's position in the plan.</param>
/// <param name="Findings">Findings recorded (created, updated or reopened).</param>
/// <param name="Resolved">Findings the shard resolved because its scope no longer shows them.</param>
/// <param name="Assets">Assets recorded.</param>
/// <param name="Incomplete">True when the shard's collection was partial (a coverage note was recorded, nothing resolved).</param>
/// <param name="Error">Why the shard failed after every retry; null when it ran.</param>
/// <param name="Tally">
/// The open and exempted findings of the shard's scopes by severity as it left them (ten counts at most), when it looked
/// at them whole; null otherwise.
/// </param>
public sealed record ShardResult(int Index, int Findings, int Resolved, int Assets, bool Incomplete, string? Error = null, Core.Findings.FindingTally? Tally = null)
{
    /// <summary>True when the shard did not run to the end: a coverage gap of the run.</summary>
    public bool Failed => Error is not null;

    /// <summary>The result of a shard that kept failing.</summary>
    public static ShardResult Gap(int index, string error) => new(index, 0, 0, 0, Incomplete: true, error);
}
